using System.Globalization;
using CallSync.Hub.Events;

namespace CallSync.Hub.Storage;

/// <summary>
/// The event log behind the live updates: every instance appends what happened on it and reads what all of them
/// appended, so a browser connected to one instance sees events caused on another.
/// </summary>
internal sealed class EventStore(HubDatabase database, TimeProvider timeProvider)
{
    public async Task AppendAsync(string kind, string? deviceId, string? userId, string data, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("INSERT INTO hub_events (at, kind, device_id, user_id, data) VALUES (@t, @k, @d, @u, @x)")
            .With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds()).With("@k", kind).With("@d", deviceId).With("@u", userId).With("@x", data);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Events with an id above <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<HubEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT id, at, kind, device_id, user_id, data FROM hub_events WHERE id > @a ORDER BY id LIMIT @n")
            .With("@a", afterId).With("@n", (long)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<HubEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new HubEvent(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                reader.GetNullableString(3), reader.GetNullableString(4), reader.GetString(5)));
        }

        return events;
    }

    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT COALESCE(MAX(id), 0) FROM hub_events");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<int> DeleteBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM hub_events WHERE at < @t").With("@t", before.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
