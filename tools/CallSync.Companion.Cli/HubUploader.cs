using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CallSync.Companion.Cli;

/// <summary>
/// Uploads a received recording to the hub (docs/hub-api.md, "Recordings on the hub"): asks where the upload stands,
/// then sends <c>Content-Range</c> chunks from there with the user's bearer token until the hub has verified the
/// whole file against the record's byte count and SHA-256. A broken connection or a chunk the hub did not expect
/// makes it ask the status again and resume; what the hub refuses is reported with the hub's reason.
/// </summary>
internal sealed class HubUploader(HttpClient http, Uri hub, string token, TimeProvider timeProvider)
{
    /// <summary>Bytes per request (the hub takes at most 1 MiB).</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>How long to wait for the record to reach the hub over MQTT before giving up.</summary>
    public static readonly TimeSpan RecordWait = TimeSpan.FromSeconds(30);

    private const int MaxConsecutiveFailures = 5;
    private const int MaxErrorChars = 300;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Uploads <paramref name="path"/> as the recording of <paramref name="recordId"/>; reports bytes the hub holds.</summary>
    public async Task<UploadResult> UploadAsync(string recordId, string path, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var size = stream.Length;
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                return await SendAsync(recordId, stream, size, buffer, progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task<UploadResult> SendAsync(
        string recordId, FileStream file, long size, byte[] buffer, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        var route = new Uri(hub, "api/v1/records/" + Uri.EscapeDataString(recordId) + "/recording");
        var failures = 0;
        long? offset = null;
        while (true)
        {
            string problem;
            try
            {
                if (offset is null)
                {
                    var status = await StatusAsync(route, recordId, cancellationToken).ConfigureAwait(false);
                    if (status.Failure is not null)
                    {
                        return status.Failure;
                    }

                    if (status.Size != size)
                    {
                        return UploadResult.Failed($"the hub's record says {status.Size} bytes, the received file has {size}");
                    }

                    if (status.Stored)
                    {
                        progress?.Invoke(size, size);
                        return UploadResult.Done(size, alreadyThere: true);
                    }

                    if (status.Offset is < 0 || status.Offset >= size)
                    {
                        return UploadResult.Failed($"the hub reports the upload at byte {status.Offset} of {size} but not stored; no chunk can follow");
                    }

                    offset = status.Offset;
                    progress?.Invoke(offset.Value, size);
                }

                var length = (int)Math.Min(ChunkBytes, size - offset.Value);
                file.Position = offset.Value;
                await file.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Put, route) { Content = new ByteArrayContent(buffer, 0, length) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Content.Headers.ContentRange = new ContentRangeHeaderValue(offset.Value, offset.Value + length - 1, size);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    progress?.Invoke(size, size);
                    return UploadResult.Done(size, alreadyThere: false);
                }

                if (response.StatusCode == HttpStatusCode.OK && ReadOffset(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) is { } next)
                {
                    offset = next;
                    failures = 0;
                    progress?.Invoke(next, size);
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    return UploadResult.Failed(await ReasonAsync(response, cancellationToken).ConfigureAwait(false));
                }

                // Not where the hub stands, or another upload of it runs: ask where it stands and go on from there.
                problem = await ReasonAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problem = $"cannot reach the hub at {hub}: {ex.Message}";
            }

            offset = null;
            if (++failures >= MaxConsecutiveFailures)
            {
                return UploadResult.Failed($"{problem} (gave up after {MaxConsecutiveFailures} attempts)");
            }

            await Task.Delay(RetryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The upload's state on the hub; waits (bounded) while the hub does not know the record yet.</summary>
    private async Task<HubStatus> StatusAsync(Uri route, string recordId, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + RecordWait;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, route + "/status");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && timeProvider.GetUtcNow() < deadline)
            {
                await Task.Delay(RetryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new HubStatus(false, 0, 0, UploadResult.Failed(Reason(response.StatusCode, body, recordId)));
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                var allowed = !root.TryGetProperty("uploadAllowed", out var flag) || flag.ValueKind != JsonValueKind.False;
                var stored = root.TryGetProperty("state", out var state) && state.ValueEquals("stored");
                if (!allowed && !stored)
                {
                    return new HubStatus(false, 0, 0, UploadResult.Failed("recording uploads are off on this hub (Recordings:Upload)"));
                }

                return new HubStatus(stored, root.GetProperty("offset").GetInt64(), root.GetProperty("size").GetInt64(), null);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return new HubStatus(false, 0, 0, UploadResult.Failed("the hub's status answer is not the documented JSON"));
            }
        }
    }

    private static long? ReadOffset(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("offset", out var offset) && offset.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Reason(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), null);

    /// <summary>The hub's <c>{"error"}</c> with the status code, cut to one short line.</summary>
    private static string Reason(HttpStatusCode status, string body, string? recordId)
    {
        string? error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var text) && text.ValueKind == JsonValueKind.String)
            {
                error = text.GetString();
            }
        }
        catch (JsonException)
        {
            // not the hub's error shape: the status code says enough
        }

        error ??= status == HttpStatusCode.NotFound && recordId is not null ? $"the hub has no record {recordId}" : "no reason given";
        var line = string.Create(CultureInfo.InvariantCulture, $"{(int)status}: {error}");
        return line.Length > MaxErrorChars ? line[..MaxErrorChars] : line;
    }

    private sealed record HubStatus(bool Stored, long Offset, long Size, UploadResult? Failure);
}
