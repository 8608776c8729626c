using System.Data.Common;

namespace CallSync.Hub.Storage;

/// <summary>Registered desk phones and their last reported online state.</summary>
internal sealed class DeviceStore(HubDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "device_id, desk_number, provisioning_key, attestation_key";

    public async Task UpsertAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO devices (" + Columns + ", created_at) VALUES (@d, @n, @k, @a, @t) " +
            "ON CONFLICT (device_id) DO UPDATE SET desk_number = excluded.desk_number, " +
            "provisioning_key = excluded.provisioning_key, attestation_key = excluded.attestation_key")
            .With("@d", device.DeviceId).With("@n", device.DeskNumber).With("@k", device.ProvisioningKey)
            .With("@a", device.AttestationKey).With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<DeviceRecord?> GetAsync(string deviceId, CancellationToken cancellationToken) =>
        GetOneAsync("device_id", deviceId, cancellationToken);

    public Task<DeviceRecord?> GetByDeskNumberAsync(string deskNumber, CancellationToken cancellationToken) =>
        GetOneAsync("desk_number", deskNumber, cancellationToken);

    /// <summary>
    /// Records a retained online/offline state; an older state never overwrites a newer one. True when the row
    /// changed (the same state heard again, e.g. by another instance, changes nothing).
    /// </summary>
    public async Task<bool> SetStateAsync(string deviceId, bool online, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO device_state (device_id, online, changed_at) VALUES (@d, @o, @t) " +
            "ON CONFLICT (device_id) DO UPDATE SET online = excluded.online, changed_at = excluded.changed_at " +
            "WHERE device_state.changed_at < excluded.changed_at OR (device_state.changed_at = excluded.changed_at AND device_state.online <> excluded.online)")
            .With("@d", deviceId).With("@o", online ? 1L : 0L).With("@t", at.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The last known state, or null when the device never reported one.</summary>
    public async Task<(bool Online, DateTimeOffset ChangedAt)?> GetStateAsync(string deviceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT online, changed_at FROM device_state WHERE device_id = @d").With("@d", deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return (reader.GetInt64(0) != 0, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
    }

    private async Task<DeviceRecord?> GetOneAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM devices WHERE " + column + " = @v").With("@v", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static DeviceRecord Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
}
