namespace CallSync.Web.Api;

/// <summary>The call log, one record, its CSV export and its recording on the hub.</summary>
public sealed class RecordsApi(HttpClient http) : ApiClient(http)
{
    public Task<RecordPage> ListAsync(RecordFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return GetAsync("api/v1/records" + filter.ToQuery(cursor, limit), Json.RecordPage, cancellationToken);
    }

    public Task<CallRecord> GetAsync(string recordId, CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/records/" + Escape(recordId), Json.CallRecord, cancellationToken);

    public async Task<byte[]> ExportCsvAsync(RecordFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var response = await Http.GetAsync("api/v1/records/export.csv" + filter.ToQuery(null, null), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<RecordingStatus> RecordingStatusAsync(string recordId, CancellationToken cancellationToken = default) =>
        GetAsync($"api/v1/records/{Escape(recordId)}/recording/status", Json.RecordingStatus, cancellationToken);

    public async Task<PlaybackLink> PlaybackLinkAsync(string recordId, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsync($"api/v1/records/{Escape(recordId)}/recording/link", null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Json.PlaybackLink, cancellationToken).ConfigureAwait(false);
    }
}
