using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: the recording is complete and was checked.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Status">Verified or not.</param>
/// <param name="Sha256">SHA-256 the companion computed.</param>
public sealed record RecordingDone(
    string RecordId,
    RecordingDoneStatus Status,
    byte[] Sha256) : ICompanionMessage<RecordingDone>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.RecordingDone;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out RecordingDone message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string recordId)
            || !reader.TryReadByte(out byte statusRaw)
            || !reader.TryReadFixed(32, out byte[] sha256)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new RecordingDone(recordId, (RecordingDoneStatus)statusRaw, sha256);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(RecordId) + 1 + 32;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(RecordId);
        writer.WriteByte((byte)Status);
        writer.WriteRest(Sha256);
    }
}
