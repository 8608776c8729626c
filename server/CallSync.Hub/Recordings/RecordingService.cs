using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Configuration;
using CallSync.Hub.Events;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Recordings;

/// <summary>
/// Recordings uploaded by the apps: resumable uploads in <c>Content-Range</c> chunks into <c>{recordId}.opus.part</c>
/// (its length is where the upload stands, so whatever arrived before a broken connection is kept), verified against
/// the call record's byte count and SHA-256 when the last byte arrives, then renamed to <c>{recordId}.opus</c>.
/// Only users actively bound to the record's phone may upload or play; every upload and play is audited.
/// </summary>
internal sealed class RecordingService(
    RecordingsOptions options,
    RecordingStore store,
    CallRecordStore records,
    BindingStore bindings,
    EventBus events,
    TimeProvider timeProvider,
    ILogger<RecordingService> logger)
{
    /// <summary>The largest chunk one request may carry (the hub's request body limit).</summary>
    public const int MaxChunkBytes = 1024 * 1024;

    public const string UploadAction = "recording-upload";
    public const string PlayAction = "recording-play";

    private const int CopyBufferBytes = 64 * 1024;
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public bool UploadAllowed => options.UploadAllowed;

    /// <summary>Finds the record and checks the caller's binding (admins too need one: audio is the bound users' own).</summary>
    public async Task<(RecordingAccess Access, RecordingTarget? Target)> AuthorizeAsync(string userId, string recordId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(recordId, "D", out _))
        {
            return (RecordingAccess.UnknownRecord, null);
        }

        var record = await records.GetAsync(recordId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (RecordingAccess.UnknownRecord, null);
        }

        var binding = await bindings.GetAsync(userId, record.DeviceId, cancellationToken).ConfigureAwait(false);
        if (binding is not { Status: BindingStatus.Active })
        {
            return (RecordingAccess.NotBound, null);
        }

        var info = ReadRecordingInfo(record.Payload);
        return info is null || info.Bytes <= 0 || info.Sha256.Length != 64
            ? (RecordingAccess.NoRecording, null)
            : (RecordingAccess.Allowed, new RecordingTarget(record, info.Bytes, info.Sha256.ToLowerInvariant()));
    }

    /// <summary>Where the file of a stored recording is; record ids are GUIDs, checked before any path is made.</summary>
    public string FinalPath(string recordId) => Path.Combine(options.Directory, recordId + ".opus");

    public async Task<bool> IsStoredAsync(string recordId, CancellationToken cancellationToken) =>
        await store.GetAsync(recordId, cancellationToken).ConfigureAwait(false) is not null && File.Exists(FinalPath(recordId));

    /// <summary>absent, partial (with the resume offset) or stored.</summary>
    public async Task<(string State, long Offset)> StatusAsync(RecordingTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (await IsStoredAsync(target.RecordId, cancellationToken).ConfigureAwait(false))
        {
            return ("stored", target.Bytes);
        }

        var part = new FileInfo(PartPath(target.RecordId));
        return part.Exists ? ("partial", Math.Min(part.Length, target.Bytes)) : ("absent", 0);
    }

    /// <summary>Takes one chunk. Never throws on what the client sends; a broken connection keeps what arrived.</summary>
    public async Task<UploadOutcome> AppendAsync(string userId, RecordingTarget target, ContentRange range, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(body);
        if (target.Bytes > options.MaxFileBytes)
        {
            return new UploadOutcome(UploadOutcomeKind.TooLarge, 0, $"the recording has {target.Bytes} bytes; this hub takes at most {options.MaxFileBytes} (Recordings:MaxFileMegabytes)");
        }

        if (range.Total != target.Bytes)
        {
            return new UploadOutcome(UploadOutcomeKind.Invalid, 0, $"Content-Range total {range.Total} differs from the record's {target.Bytes} bytes");
        }

        if (range.Length > MaxChunkBytes)
        {
            return new UploadOutcome(UploadOutcomeKind.TooLarge, 0, $"a chunk may carry at most {MaxChunkBytes} bytes");
        }

        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(target.RecordId) % (uint)_gates.Length)];
        if (!await gate.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            return new UploadOutcome(UploadOutcomeKind.Busy, 0, "another upload of this recording is running");
        }

        try
        {
            if (await IsStoredAsync(target.RecordId, cancellationToken).ConfigureAwait(false))
            {
                return new UploadOutcome(UploadOutcomeKind.Stored, target.Bytes, "already stored");
            }

            SecureFile.EnsureDirectory(options.Directory); // recordings are personal data: owner-only, like the data directory
            var (written, detail) = await WriteChunkAsync(target, range, body, cancellationToken).ConfigureAwait(false);
            if (detail is not null)
            {
                return written < 0
                    ? new UploadOutcome(UploadOutcomeKind.Busy, 0, detail)
                    : new UploadOutcome(written == range.First ? UploadOutcomeKind.Invalid : UploadOutcomeKind.OffsetMismatch, written, detail);
            }

            return written < target.Bytes
                ? new UploadOutcome(UploadOutcomeKind.Partial, written, "continue at " + written.ToString(CultureInfo.InvariantCulture))
                : await CompleteAsync(userId, target, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task AuditAsync(string userId, string action, string deviceId, string outcome, string detail, CancellationToken cancellationToken)
    {
        await bindings.AuditAsync(userId, action, userId, deviceId, outcome, detail, cancellationToken).ConfigureAwait(false);
        Log.RecordingAudited(logger, userId, action, deviceId, outcome);
    }

    /// <summary>
    /// Appends the body at the part file's end. Returns the new length and null, or the length and why nothing was
    /// taken (the offset differs, or the body is not the announced size); -1 when another instance holds the file.
    /// </summary>
    private async Task<(long Length, string? Detail)> WriteChunkAsync(RecordingTarget target, ContentRange range, Stream body, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(PartPath(target.RecordId), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
        }
        catch (IOException)
        {
            return (-1, "another upload of this recording is running");
        }

        await using (file.ConfigureAwait(false))
        {
            var offset = file.Length;
            if (offset > target.Bytes)
            {
                file.SetLength(0);
                offset = 0;
            }

            if (range.First != offset)
            {
                return (offset, $"the upload stands at byte {offset}; send the chunk that starts there");
            }

            file.Position = offset;
            var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
            try
            {
                var remaining = range.Length;
                while (remaining > 0)
                {
                    var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        file.SetLength(offset);
                        return (offset, "the body is shorter than Content-Range announces; nothing was kept");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                }

                if (await body.ReadAsync(buffer.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) > 0)
                {
                    file.SetLength(offset);
                    return (offset, "the body is longer than Content-Range announces; nothing was kept");
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                // The client went away mid-chunk: keep what arrived, it is where the next attempt resumes.
                await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                Log.UploadInterrupted(logger, target.RecordId, file.Length);
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            return (file.Length, null);
        }
    }

    private async Task<UploadOutcome> CompleteAsync(string userId, RecordingTarget target, CancellationToken cancellationToken)
    {
        var part = PartPath(target.RecordId);
        string actual;
        var stream = File.OpenRead(part);
        await using (stream.ConfigureAwait(false))
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        if (!string.Equals(actual, target.Sha256, StringComparison.Ordinal))
        {
            File.Delete(part);
            var reason = $"SHA-256 of the upload is {actual}, the record says {target.Sha256}: the upload was discarded";
            await AuditAsync(userId, UploadAction, target.DeviceId, "refused", target.RecordId + ": sha-256 mismatch", cancellationToken).ConfigureAwait(false);
            return new UploadOutcome(UploadOutcomeKind.HashMismatch, 0, reason);
        }

        File.Move(part, FinalPath(target.RecordId), overwrite: true);
        var stored = await store.InsertAsync(
            new StoredRecording(target.RecordId, target.DeviceId, userId, target.Bytes, target.Sha256, timeProvider.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (stored)
        {
            await AuditAsync(userId, UploadAction, target.DeviceId, "stored", target.RecordId + ": " + target.Bytes.ToString(CultureInfo.InvariantCulture) + " bytes", cancellationToken).ConfigureAwait(false);
            await events.RecordingStoredAsync(target.RecordId, target.DeviceId, target.Bytes, cancellationToken).ConfigureAwait(false);
        }

        return new UploadOutcome(UploadOutcomeKind.Stored, target.Bytes, "stored");
    }

    private string PartPath(string recordId) => Path.Combine(options.Directory, recordId + ".opus.part");

    private static RecordingInfo? ReadRecordingInfo(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, CallSyncJsonContext.Default.CallRecord)?.Recording;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
