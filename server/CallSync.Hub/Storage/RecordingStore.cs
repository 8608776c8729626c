using System.Data.Common;

namespace CallSync.Hub.Storage;

/// <summary>Which recordings the hub holds (the files themselves are under <c>Recordings:Directory</c>).</summary>
internal sealed class RecordingStore(HubDatabase database)
{
    private const string Columns = "record_id, device_id, uploaded_by, bytes, sha256, stored_at";

    public async Task<StoredRecording?> GetAsync(string recordId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM hub_recordings WHERE record_id = @r").With("@r", recordId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <summary>Records a verified recording; false when it was already there (another upload finished first).</summary>
    public async Task<bool> InsertAsync(StoredRecording recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "INSERT INTO hub_recordings (" + Columns + ") VALUES (@r, @d, @u, @b, @h, @t) ON CONFLICT DO NOTHING")
            .With("@r", recording.RecordId).With("@d", recording.DeviceId).With("@u", recording.UploadedBy)
            .With("@b", recording.Bytes).With("@h", recording.Sha256).With("@t", recording.StoredAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Recordings stored before <paramref name="before"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StoredRecording>> ListStoredBeforeAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT " + Columns + " FROM hub_recordings WHERE stored_at < @t ORDER BY stored_at LIMIT @n")
            .With("@t", before.ToUnixTimeMilliseconds()).With("@n", (long)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<StoredRecording>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    public async Task DeleteAsync(string recordId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM hub_recordings WHERE record_id = @r").With("@r", recordId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static StoredRecording Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));
}
