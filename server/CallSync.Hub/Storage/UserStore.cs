using System.Data.Common;
using System.Globalization;
using CallSync.Hub.Security;

namespace CallSync.Hub.Storage;

/// <summary>App users, their number patterns and push policies.</summary>
internal sealed class UserStore(HubDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "user_id, password_hash, role, number_patterns, push_policy, push_time, time_zone, disabled";

    /// <summary>Creates the user; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO users (" + Columns + ", created_at) VALUES (@u, @h, @r, @p, @pp, @pt, @tz, @x, @t) ON CONFLICT DO NOTHING")
            .With("@u", user.UserId).With("@h", user.PasswordHash).With("@r", RoleText(user.Role))
            .With("@p", string.Join('\n', user.NumberPatterns)).With("@pp", PolicyText(user.PushPolicy))
            .With("@pt", user.PushTime.ToString("HH:mm", CultureInfo.InvariantCulture)).With("@tz", user.TimeZone)
            .With("@x", user.Disabled ? 1L : 0L).With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>True when at least one user has the admin role.</summary>
    public async Task<bool> HasAdminAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT COUNT(*) FROM users WHERE role = 'admin'");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    public async Task<bool> SetPasswordHashAsync(string userId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE users SET password_hash = @h WHERE user_id = @u")
            .With("@u", userId).With("@h", passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<UserRecord?> GetAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM users WHERE user_id = @u").With("@u", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<UserRecord>> ListByPolicyAsync(PushPolicy policy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM users WHERE push_policy = @pp AND disabled = 0 ORDER BY user_id")
            .With("@pp", PolicyText(policy));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<UserRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    /// <summary>(deviceId, userId) pairs: active bindings of these devices whose user has the immediate policy.</summary>
    public async Task<IReadOnlyList<(string DeviceId, string UserId)>> ListImmediateRecipientsAsync(IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        var pairs = new List<(string, string)>();
        if (deviceIds.Count == 0)
        {
            return pairs;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var names = new List<string>(deviceIds.Count);
        foreach (var deviceId in deviceIds)
        {
            var name = "@d" + names.Count.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            command.With(name, deviceId);
        }

#pragma warning disable CA2100 // Only generated parameter names are concatenated; the ids travel as parameters.
        command.CommandText =
            "SELECT b.device_id, u.user_id FROM bindings b JOIN users u ON u.user_id = b.user_id " +
            "WHERE b.status = 'active' AND u.push_policy = 'immediate' AND u.disabled = 0 AND b.device_id IN (" + string.Join(", ", names) + ") ORDER BY u.user_id";
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pairs.Add((reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }

    public async Task<bool> SetPushPolicyAsync(string userId, PushPolicy policy, TimeOnly time, string timeZone, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE users SET push_policy = @pp, push_time = @pt, time_zone = @tz WHERE user_id = @u")
            .With("@u", userId).With("@pp", PolicyText(policy))
            .With("@pt", time.ToString("HH:mm", CultureInfo.InvariantCulture)).With("@tz", timeZone);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Disables or enables a user; false for an unknown user.</summary>
    public async Task<bool> SetDisabledAsync(string userId, bool disabled, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE users SET disabled = @x WHERE user_id = @u")
            .With("@u", userId).With("@x", disabled ? 1L : 0L);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The role of an enabled user, or null when the user no longer exists or is disabled: what a token may still do.</summary>
    public async Task<UserRole?> GetActiveRoleAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT role FROM users WHERE user_id = @u AND disabled = 0").With("@u", userId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string role
            ? role == "admin" ? UserRole.Admin : UserRole.User
            : null;
    }

    public async Task<bool> SetNumberPatternsAsync(string userId, IReadOnlyList<string> patterns, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("UPDATE users SET number_patterns = @p WHERE user_id = @u")
            .With("@u", userId).With("@p", string.Join('\n', patterns));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public static string PolicyText(PushPolicy policy) => policy switch
    {
        PushPolicy.Immediate => "immediate",
        PushPolicy.Daily => "daily",
        _ => "off",
    };

    public static bool TryParsePolicy(string? text, out PushPolicy policy)
    {
        policy = text switch
        {
            "immediate" => PushPolicy.Immediate,
            "daily" => PushPolicy.Daily,
            "off" => PushPolicy.Off,
            _ => (PushPolicy)(-1),
        };
        return Enum.IsDefined(policy);
    }

    private static string RoleText(UserRole role) => role == UserRole.Admin ? "admin" : "user";

    private static UserRecord Read(DbDataReader reader)
    {
        var patterns = reader.GetString(3);
        _ = TryParsePolicy(reader.GetString(4), out var policy);
        return new UserRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2) == "admin" ? UserRole.Admin : UserRole.User,
            patterns.Length == 0 ? [] : patterns.Split('\n'),
            policy,
            TimeOnly.ParseExact(reader.GetString(5), "HH:mm", CultureInfo.InvariantCulture),
            reader.GetString(6),
            reader.GetInt64(7) != 0);
    }
}
