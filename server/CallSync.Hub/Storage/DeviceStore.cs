using System.Collections.Concurrent;
using System.Data.Common;
using CallSync.Hub.Security;

namespace CallSync.Hub.Storage;

/// <summary>
/// Registered desk phones and their last reported online state. A phone is created by an admin with empty keys; its
/// enrollment sets them. Device ids once registered are remembered in memory, so checking every incoming message's
/// sender costs no query in steady state (devices are never deleted). Provisioning keys are stored sealed
/// (<see cref="ProvisioningKeyProtector"/>) and opened on read.
/// </summary>
internal sealed class DeviceStore(HubDatabase database, ProvisioningKeyProtector protector, TimeProvider timeProvider)
{
    private const string Columns = "device_id, desk_number, provisioning_key, attestation_key";
    private const int MaxRemembered = 1_000_000;

    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    /// <summary>Registers a phone (no keys yet); false when the device id or the desk number is taken.</summary>
    public async Task<bool> CreateAsync(string deviceId, string deskNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO devices (" + Columns + ", created_at) VALUES (@d, @n, '', '', @t) ON CONFLICT DO NOTHING")
            .With("@d", deviceId).With("@n", deskNumber).With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Stores the keys an enrollment produced (empty strings revoke them).</summary>
    public async Task<bool> SetKeysAsync(string deviceId, string provisioningKey, string attestationKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "UPDATE devices SET provisioning_key = @k, attestation_key = @a WHERE device_id = @d")
            .With("@d", deviceId).With("@k", protector.Protect(deviceId, provisioningKey)).With("@a", attestationKey);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Seals every provisioning key stored in clear text (by a hub before 0.x) or under the previous key-encryption key
    /// with the current one; each row is changed only if nobody changed it meanwhile, so instances starting together
    /// agree. Returns how many were sealed now and how many no known key opens (those phones must be re-enrolled, or
    /// the right key restored).
    /// </summary>
    public async Task<(int Sealed, int Unreadable)> SealStoredKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string DeviceId, string Stored)>();
        await using (var select = connection.Command("SELECT device_id, provisioning_key FROM devices WHERE provisioning_key <> ''"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var (sealedNow, unreadable) = (0, 0);
        foreach (var (deviceId, stored) in rows)
        {
            if (protector.IsCurrent(stored))
            {
                continue;
            }

            string clear;
            if (!ProvisioningKeyProtector.IsSealed(stored))
            {
                clear = stored;
            }
            else if (!protector.TryUnprotect(deviceId, stored, out clear))
            {
                unreadable++;
                continue;
            }

            await using var update = connection.Command("UPDATE devices SET provisioning_key = @k WHERE device_id = @d AND provisioning_key = @old")
                .With("@k", protector.Protect(deviceId, clear)).With("@d", deviceId).With("@old", stored);
            sealedNow += await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (sealedNow > 0 && database.Provider == Configuration.StorageProvider.Sqlite)
        {
            // The clear values are gone from the pages (secure_delete); moving the WAL into the file empties it too.
            await using var checkpoint = connection.Command("PRAGMA wal_checkpoint(TRUNCATE)");
            await checkpoint.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return (sealedNow, unreadable);
    }

    /// <summary>True when <paramref name="deviceId"/> is a registered phone.</summary>
    public async Task<bool> IsKnownAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(deviceId))
        {
            return true;
        }

        if (await GetAsync(deviceId, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        if (_known.Count < MaxRemembered)
        {
            _known.TryAdd(deviceId, 0);
        }

        return true;
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

    // A key no known key-encryption key opens reads as no key: commands to that phone are refused, never sent unsigned.
    private DeviceRecord Read(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), protector.TryUnprotect(reader.GetString(0), reader.GetString(2), out var key) ? key : string.Empty, reader.GetString(3));
}
