using System.Data.Common;
using CallSync.Hub.Configuration;

namespace CallSync.Hub.Storage;

/// <summary>
/// Dial requests live in the database, so any hub instance can take a phone's reply (shared subscription)
/// and any instance can answer the app's progress request.
/// </summary>
internal sealed class DialStore(HubDatabase database, DialOptions options, TimeProvider timeProvider)
{
    private const string Columns = "request_id, user_id, device_id, number, status, record_id, reason, created_at, updated_at, deadline_at";

    public async Task CreateAsync(DialRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO dial_requests (" + Columns + ") VALUES (@id, @u, @d, @n, @s, NULL, NULL, @c, @c, @dl)")
            .With("@id", request.RequestId).With("@u", request.UserId).With("@d", request.DeviceId).With("@n", request.Number)
            .With("@s", request.Status).With("@c", request.CreatedAt.ToUnixTimeMilliseconds())
            .With("@dl", request.DeadlineAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request, with a passed deadline turned into <c>timed-out</c> (persisted).</summary>
    public async Task<DialRequest?> GetAsync(string requestId, CancellationToken cancellationToken)
    {
        var request = await ReadAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (request is not null && !DialStates.IsFinal(request.Status) && timeProvider.GetUtcNow() >= request.DeadlineAt)
        {
            var reason = request.Status == DialStates.Accepted
                ? "the call was accepted but no final reply came within Dial:MaxCallDuration"
                : "the device did not accept the dial in time";
            await AdvanceAsync(requestId, request.DeviceId, DialStates.TimedOut, null, reason, cancellationToken).ConfigureAwait(false);
            request = await ReadAsync(requestId, cancellationToken).ConfigureAwait(false);
        }

        return request;
    }

    /// <summary>
    /// Moves a request forward when the reply comes from the device it was sent to; final states are never
    /// overwritten and <c>accepted</c> never replaces a final state (replies may arrive out of order).
    /// Acceptance moves the deadline from the wait for <c>accepted</c> to the longest call allowed.
    /// </summary>
    public async Task<bool> AdvanceAsync(string requestId, string deviceId, string status, string? recordId, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "UPDATE dial_requests SET status = @s, record_id = @r, reason = @why, updated_at = @t, " +
            "deadline_at = CASE WHEN @s = 'accepted' THEN @t + @call ELSE deadline_at END " +
            "WHERE request_id = @id AND device_id = @d AND status IN ('sent', 'accepted') AND NOT (status = 'accepted' AND @s = 'accepted')")
            .With("@s", status).With("@r", recordId).With("@why", reason)
            .With("@t", timeProvider.GetUtcNow().ToUnixTimeMilliseconds()).With("@id", requestId).With("@d", deviceId)
            .With("@call", (long)options.MaxCallDuration.TotalMilliseconds);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<DialRequest?> ReadAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM dial_requests WHERE request_id = @id").With("@id", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static DialRequest Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetNullableString(5),
        reader.GetNullableString(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));
}
