using System.Data.Common;

namespace CallSync.Hub.Storage;

/// <summary>Bindings between app users and desk phones, and the audit trail of every binding event.</summary>
internal sealed class BindingStore(HubDatabase database, TimeProvider timeProvider)
{
    private const string Columns = "user_id, device_id, status, can_dial, via, updated_at";

    public async Task<BindingRecord?> GetAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM bindings WHERE user_id = @u AND device_id = @d")
            .With("@u", userId).With("@d", deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Creates or replaces a binding; an active binding is never downgraded to pending.</summary>
    public async Task<BindingRecord> UpsertAsync(string userId, string deviceId, BindingStatus status, bool canDial, string via, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.Command(
            "INSERT INTO bindings (" + Columns + ", created_at) VALUES (@u, @d, @s, @c, @v, @t, @t) " +
            "ON CONFLICT (user_id, device_id) DO UPDATE SET status = excluded.status, can_dial = excluded.can_dial, " +
            "via = excluded.via, updated_at = excluded.updated_at WHERE bindings.status <> 'active' OR excluded.status = 'active'")
            .With("@u", userId).With("@d", deviceId).With("@s", StatusText(status)).With("@c", canDial ? 1L : 0L)
            .With("@v", via).With("@t", now))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return (await GetAsync(userId, deviceId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> DeleteAsync(string userId, string deviceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM bindings WHERE user_id = @u AND device_id = @d")
            .With("@u", userId).With("@d", deviceId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<BindingRecord>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        ListAsync("WHERE user_id = @v ORDER BY device_id", userId, cancellationToken);

    public Task<IReadOnlyList<BindingRecord>> ListPendingAsync(CancellationToken cancellationToken) =>
        ListAsync("WHERE status = @v ORDER BY updated_at", "pending", cancellationToken);

    public Task<IReadOnlyList<BindingRecord>> ListActiveForDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        ListAsync("WHERE device_id = @v AND status = 'active' ORDER BY user_id", deviceId, cancellationToken);

    public async Task AuditAsync(string actor, string action, string userId, string deviceId, string outcome, string detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO binding_audit (at, actor, action, user_id, device_id, outcome, detail) VALUES (@t, @a, @x, @u, @d, @o, @m)")
            .With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds()).With("@a", actor).With("@x", action)
            .With("@u", userId).With("@d", deviceId).With("@o", outcome).With("@m", detail);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Newest first; optionally only one user's events.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string? userId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT id, at, actor, action, user_id, device_id, outcome, detail FROM binding_audit " +
            (userId is null ? string.Empty : "WHERE user_id = @u ") + "ORDER BY id DESC LIMIT @n").With("@n", (long)limit);
        if (userId is not null)
        {
            command.With("@u", userId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }

        return entries;
    }

    public static string StatusText(BindingStatus status) => status == BindingStatus.Active ? "active" : "pending";

    private async Task<IReadOnlyList<BindingRecord>> ListAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM bindings " + where).With("@v", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var bindings = new List<BindingRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            bindings.Add(Read(reader));
        }

        return bindings;
    }

    private static BindingRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2) == "active" ? BindingStatus.Active : BindingStatus.Pending,
        reader.GetInt64(3) != 0,
        reader.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
}
