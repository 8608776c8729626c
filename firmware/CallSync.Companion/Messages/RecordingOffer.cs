using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: a recording is ready to be delivered.</summary>
/// <param name="RecordId">The call record id (also the file name).</param>
/// <param name="Size">File size in bytes.</param>
/// <param name="Sha256">SHA-256 of the whole file.</param>
/// <param name="RemoteNumber">The other party, for display.</param>
/// <param name="Direction">"outgoing" or "incoming".</param>
/// <param name="StartedAtUnixMs">Call start, Unix milliseconds UTC.</param>
/// <param name="DurationMs">Call length in milliseconds.</param>
public sealed record RecordingOffer(
    string RecordId,
    ulong Size,
    byte[] Sha256,
    string RemoteNumber,
    string Direction,
    long StartedAtUnixMs,
    uint DurationMs) : ICompanionMessage<RecordingOffer>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.RecordingOffer;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out RecordingOffer message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string recordId)
            || !reader.TryReadUInt64(out ulong size)
            || !reader.TryReadFixed(32, out byte[] sha256)
            || !reader.TryReadString(out string remoteNumber)
            || !reader.TryReadString(out string direction)
            || !reader.TryReadInt64(out long startedAtUnixMs)
            || !reader.TryReadUInt32(out uint durationMs)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new RecordingOffer(recordId, size, sha256, remoteNumber, direction, startedAtUnixMs, durationMs);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(RecordId) + 8 + 32 + PayloadWriter.SizeOf(RemoteNumber) + PayloadWriter.SizeOf(Direction) + 8 + 4;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(RecordId);
        writer.WriteUInt64(Size);
        writer.WriteRest(Sha256);
        writer.WriteString(RemoteNumber);
        writer.WriteString(Direction);
        writer.WriteInt64(StartedAtUnixMs);
        writer.WriteUInt32(DurationMs);
    }
}
