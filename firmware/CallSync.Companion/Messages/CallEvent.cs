using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: call progress.</summary>
/// <param name="RecordId">The call record id.</param>
/// <param name="Kind">What happened.</param>
/// <param name="AtUnixMs">When, Unix milliseconds UTC.</param>
/// <param name="Detail">For ended: the result (answered, busy, no-answer, failed...).</param>
public sealed record CallEvent(
    string RecordId,
    CallEventKind Kind,
    long AtUnixMs,
    string Detail) : ICompanionMessage<CallEvent>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.CallEvent;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out CallEvent message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string recordId)
            || !reader.TryReadByte(out byte kindRaw)
            || !reader.TryReadInt64(out long atUnixMs)
            || !reader.TryReadString(out string detail)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new CallEvent(recordId, (CallEventKind)kindRaw, atUnixMs, detail);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(RecordId) + 1 + 8 + PayloadWriter.SizeOf(Detail);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(RecordId);
        writer.WriteByte((byte)Kind);
        writer.WriteInt64(AtUnixMs);
        writer.WriteString(Detail);
    }
}
