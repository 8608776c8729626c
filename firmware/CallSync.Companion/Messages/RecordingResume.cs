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
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string recordId)
            || !reader.TryReadUInt64(out ulong offset)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new RecordingResume(recordId, offset);
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
