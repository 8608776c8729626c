using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: send the offered recording from this offset.</summary>
/// <param name="RecordId">The offered record.</param>
/// <param name="Offset">Bytes the companion already holds.</param>
public sealed record RecordingResume(
    string RecordId,
    ulong Offset) : ICompanionMessage<RecordingResume>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.RecordingResume;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out RecordingResume message)
    {
        message = RecordOffsetPayload.TryRead(payload, out string recordId, out ulong offset) ? new RecordingResume(recordId, offset) : null!;
        return message is not null;
    }

    /// <inheritdoc/>
    public int GetSize() => RecordOffsetPayload.GetSize(RecordId);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer) => RecordOffsetPayload.Write(ref writer, RecordId, Offset);
}
