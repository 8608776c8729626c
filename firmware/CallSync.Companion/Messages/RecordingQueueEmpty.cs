using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: nothing more to deliver now.</summary>
/// <param name="Delivered">Recordings delivered in this session so far.</param>
public sealed record RecordingQueueEmpty(
    uint Delivered) : ICompanionMessage<RecordingQueueEmpty>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.RecordingQueueEmpty;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out RecordingQueueEmpty message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt32(out uint delivered)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new RecordingQueueEmpty(delivered);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 4;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteUInt32(Delivered);
    }
}
