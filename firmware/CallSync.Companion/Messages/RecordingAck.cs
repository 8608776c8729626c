using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: bytes stored so far.</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Offset">Bytes stored durably.</param>
public sealed record RecordingAck(
    string RecordId,
    ulong Offset) : ICompanionMessage<RecordingAck>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.RecordingAck;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out RecordingAck message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string recordId)
            || !reader.TryReadUInt64(out ulong offset)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new RecordingAck(recordId, offset);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(RecordId) + 8;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(RecordId);
        writer.WriteUInt64(Offset);
    }
}
