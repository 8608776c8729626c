using System.Data.Common;
using System.Globalization;
using CallSync.Hub.Security;

namespace CallSync.Hub.Storage;

/// <summary>The lists the app's screens show: a user's phones, every user, every phone with its state and last call.</summary>
internal sealed class DirectoryQueries(HubDatabase database)
{
    public const int MaxRows = 5000;

    /// <summary>The caller's bindings; the desk number and state only for active ones (a pending binding reveals nothing yet).</summary>
    public async Task<IReadOnlyList<MyPhone>> ListMyPhonesAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT b.user_id, b.device_id, b.status, b.can_dial, b.via, b.updated_at, d.desk_number, s.online, s.changed_at " +
            "FROM bindings b LEFT JOIN devices d ON d.device_id = b.device_id LEFT JOIN device_state s ON s.device_id = b.device_id " +
            "WHERE b.user_id = @u ORDER BY b.device_id LIMIT @n").With("@u", userId).With("@n", (long)MaxRows);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var phones = new List<MyPhone>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var active = reader.GetString(2) == "active";
            var binding = new BindingRecord(reader.GetString(0), reader.GetString(1), active ? BindingStatus.Active : BindingStatus.Pending,
                reader.GetInt64(3) != 0, reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
            phones.Add(active
                ? new MyPhone(binding, reader.GetNullableString(6) ?? string.Empty, reader.IsDBNull(7) ? null : reader.GetInt64(7) != 0, Instant(reader, 8))
                : new MyPhone(binding, string.Empty, null, null));
        }

        return phones;
    }

    public async Task<IReadOnlyList<DeviceOverview>> ListDevicesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The correlated MAX seeks the (device_id, started_at, record_id) index: one probe per phone.
        await using var command = connection.Command(
            "SELECT d.device_id, d.desk_number, s.online, s.changed_at, " +
            "(SELECT MAX(r.started_at) FROM call_records r WHERE r.device_id = d.device_id) " +
            "FROM devices d LEFT JOIN device_state s ON s.device_id = d.device_id ORDER BY d.device_id LIMIT @n").With("@n", (long)MaxRows);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var devices = new List<DeviceOverview>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            devices.Add(new DeviceOverview(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2) != 0,
                Instant(reader, 3), Instant(reader, 4)));
        }

        return devices;
    }

    /// <summary>Every user (without password hashes): id, role, number patterns, push policy.</summary>
    public async Task<IReadOnlyList<UserSummary>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT user_id, role, number_patterns, push_policy, push_time, time_zone, disabled FROM users ORDER BY user_id LIMIT @n").With("@n", (long)MaxRows);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<UserSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var patterns = reader.GetString(2);
            users.Add(new UserSummary(reader.GetString(0), reader.GetString(1) == "admin" ? UserRole.Admin : UserRole.User,
                patterns.Length == 0 ? [] : patterns.Split('\n'), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt64(6) != 0));
        }

        return users;
    }

    public async Task<bool> SetRoleAsync(string userId, UserRole role, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE users SET role = @r WHERE user_id = @u")
            .With("@u", userId).With("@r", role == UserRole.Admin ? "admin" : "user");
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>(deviceId, userId) of every active binding: whose talk time a phone's calls count towards.</summary>
    public async Task<IReadOnlyList<(string DeviceId, string UserId)>> ListActiveBindingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT device_id, user_id FROM bindings WHERE status = 'active' ORDER BY device_id, user_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var pairs = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pairs.Add((reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }

    private static DateTimeOffset? Instant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture));
}
