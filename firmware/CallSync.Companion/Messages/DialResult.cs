using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: outcome of a dial request.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Status">Outcome.</param>
/// <param name="RecordId">The call record id when started.</param>
/// <param name="Reason">Why, when not started.</param>
/// <param name="SipStatus">SIP status when known, else 0.</param>
public sealed record DialResult(
    uint RequestId,
    CompanionDialStatus Status,
    string RecordId,
    string Reason,
    ushort SipStatus) : ICompanionMessage<DialResult>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.DialResult;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out DialResult message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt32(out uint requestId)
            || !reader.TryReadByte(out byte statusRaw)
            || !reader.TryReadString(out string recordId)
            || !reader.TryReadString(out string reason)
            || !reader.TryReadUInt16(out ushort sipStatus)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new DialResult(requestId, (CompanionDialStatus)statusRaw, recordId, reason, sipStatus);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 4 + 1 + PayloadWriter.SizeOf(RecordId) + PayloadWriter.SizeOf(Reason) + 2;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteUInt32(RequestId);
        writer.WriteByte((byte)Status);
        writer.WriteString(RecordId);
        writer.WriteString(Reason);
        writer.WriteUInt16(SipStatus);
    }
}
