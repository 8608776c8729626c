using System.Security.Cryptography;
using System.Text.Json;
using CallSync.Companion.Messages;
using CallSync.Companion.Protocol;

namespace CallSync.Companion.Client;

/// <summary>
/// Receives recordings into a folder: <c>&lt;id&gt;.opus.part</c> while incoming (its length is the resume offset),
/// <c>&lt;id&gt;.opus</c> plus <c>&lt;id&gt;.json</c> (call summary) once the SHA-256 matched. Used by one session at a time.
/// </summary>
public sealed class RecordingFolder : IDisposable
{
    private readonly List<string> _received = [];
    private Transfer? _current;

    /// <summary>Receives into <paramref name="directory"/> (created when missing).</summary>
    public RecordingFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        DirectoryPath = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Raised after every chunk and at the end of each recording.</summary>
    public event EventHandler<RecordingProgressEventArgs>? Progress;

    /// <summary>Where recordings go.</summary>
    public string DirectoryPath { get; }

    /// <summary>Record ids completed and verified through this instance, in order.</summary>
    public IReadOnlyList<string> Received => _received;

    /// <summary>True for ids usable as file names.</summary>
    public static bool IsSafeRecordId(string recordId) =>
        recordId.Length is > 0 and <= 128 && recordId[0] != '.'
        && recordId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <inheritdoc/>
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }

    /// <summary>Answers an offer: the offset to resume from, or a Done when the file is already here.</summary>
    internal async ValueTask<(ulong Offset, RecordingDone? Done)> BeginAsync(RecordingOffer offer, CancellationToken cancellationToken)
    {
        if (!IsSafeRecordId(offer.RecordId))
        {
            throw new CompanionProtocolException(ErrorCode.MalformedFrame, $"record id '{offer.RecordId}' is not a safe file name");
        }

        _current?.Dispose();
        _current = null;
        string final = FinalPath(offer.RecordId);
        if (File.Exists(final))
        {
            byte[] existing;
            var stream = File.OpenRead(final);
            await using (stream.ConfigureAwait(false))
            {
                existing = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            if (CryptographicOperations.FixedTimeEquals(existing, offer.Sha256))
            {
                return ((ulong)new FileInfo(final).Length, new RecordingDone(offer.RecordId, RecordingDoneStatus.Verified, existing));
            }
        }

        var transfer = new Transfer(offer, PartPath(offer.RecordId));
        long offset = await transfer.OpenAsync(cancellationToken).ConfigureAwait(false);
        _current = transfer;
        if (offset == (long)offer.Size)
        {
            return ((ulong)offset, await FinishAsync(cancellationToken).ConfigureAwait(false));
        }

        Progress?.Invoke(this, new RecordingProgressEventArgs(offer.RecordId, offset, (long)offer.Size, false, false, 0, offset));
        return ((ulong)offset, null);
    }

    /// <summary>Stores a chunk; returns the new offset to acknowledge, and a Done when the file is complete.</summary>
    internal async ValueTask<(ulong Offset, RecordingDone? Done)> WriteAsync(RecordingChunk chunk, CancellationToken cancellationToken)
    {
        var transfer = _current;
        if (transfer is null || transfer.Offer.RecordId != chunk.RecordId)
        {
            throw new CompanionProtocolException(ErrorCode.UnexpectedMessage, $"chunk for {chunk.RecordId} without an offer");
        }

        if (chunk.Offset != (ulong)transfer.Position || transfer.Position + chunk.Data.Length > (long)transfer.Offer.Size)
        {
            throw new CompanionProtocolException(
                ErrorCode.MalformedFrame, $"chunk of {chunk.RecordId} at {chunk.Offset} (+{chunk.Data.Length}) does not continue at {transfer.Position}");
        }

        await transfer.AppendAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
        if (transfer.Position == (long)transfer.Offer.Size)
        {
            return ((ulong)transfer.Position, await FinishAsync(cancellationToken).ConfigureAwait(false));
        }

        Progress?.Invoke(this, new RecordingProgressEventArgs(
            chunk.RecordId, transfer.Position, (long)transfer.Offer.Size, false, false, transfer.Chunks, transfer.ResumedFrom));
        return ((ulong)transfer.Position, null);
    }

    private async ValueTask<RecordingDone> FinishAsync(CancellationToken cancellationToken)
    {
        var transfer = _current!;
        _current = null;
        var offer = transfer.Offer;
        byte[] hash = await transfer.CompleteAsync().ConfigureAwait(false);
        bool verified = CryptographicOperations.FixedTimeEquals(hash, offer.Sha256);
        if (verified)
        {
            File.Move(PartPath(offer.RecordId), FinalPath(offer.RecordId), overwrite: true);
            await WriteSummaryAsync(offer, cancellationToken).ConfigureAwait(false);
            _received.Add(offer.RecordId);
        }
        else
        {
            File.Delete(PartPath(offer.RecordId));
        }

        Progress?.Invoke(this, new RecordingProgressEventArgs(
            offer.RecordId, (long)offer.Size, (long)offer.Size, true, verified, transfer.Chunks, transfer.ResumedFrom));
        return new RecordingDone(offer.RecordId, verified ? RecordingDoneStatus.Verified : RecordingDoneStatus.HashMismatch, hash);
    }

    private async Task WriteSummaryAsync(RecordingOffer offer, CancellationToken cancellationToken)
    {
        var stream = File.Create(Path.Combine(DirectoryPath, offer.RecordId + ".json"));
        await using (stream.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await using (writer.ConfigureAwait(false))
            {
                writer.WriteStartObject();
                writer.WriteString("recordId", offer.RecordId);
                writer.WriteString("remoteNumber", offer.RemoteNumber);
                writer.WriteString("direction", offer.Direction);
                writer.WriteString("startedAt", DateTimeOffset.FromUnixTimeMilliseconds(offer.StartedAtUnixMs));
                writer.WriteNumber("durationMs", offer.DurationMs);
                writer.WriteNumber("size", offer.Size);
                writer.WriteString("sha256", Convert.ToHexStringLower(offer.Sha256));
                writer.WriteEndObject();
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private string PartPath(string recordId) => Path.Combine(DirectoryPath, recordId + ".opus.part");

    private string FinalPath(string recordId) => Path.Combine(DirectoryPath, recordId + ".opus");

    /// <summary>One recording being received: the part file and the running hash.</summary>
    private sealed class Transfer(RecordingOffer offer, string path) : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private FileStream? _file;

        public RecordingOffer Offer { get; } = offer;

        public long Position { get; private set; }

        /// <summary>Chunks appended since the offer.</summary>
        public int Chunks { get; private set; }

        /// <summary>The bytes the part file held when the offer came.</summary>
        public long ResumedFrom { get; private set; }

        public async Task<long> OpenAsync(CancellationToken cancellationToken)
        {
            _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
            if (_file.Length > (long)Offer.Size)
            {
                _file.SetLength(0);
            }

            byte[] buffer = new byte[64 * 1024];
            int count;
            while ((count = await _file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                _hash.AppendData(buffer, 0, count);
            }

            Position = ResumedFrom = _file.Length;
            return Position;
        }

        public async Task AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            await _file!.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            _hash.AppendData(data.Span);
            Position += data.Length;
            Chunks++;
        }

        public async Task<byte[]> CompleteAsync()
        {
            await _file!.DisposeAsync().ConfigureAwait(false);
            _file = null;
            return _hash.GetHashAndReset();
        }

        public void Dispose()
        {
            _file?.Dispose();
            _hash.Dispose();
        }
    }
}
