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
        message = RecordOffsetPayload.TryRead(payload, out string recordId, out ulong offset) ? new RecordingAck(recordId, offset) : null!;
        return message is not null;
    }

    /// <inheritdoc/>
    public int GetSize() => RecordOffsetPayload.GetSize(RecordId);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer) => RecordOffsetPayload.Write(ref writer, RecordId, Offset);
}
