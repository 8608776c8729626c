using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: place a call.</summary>
/// <param name="RequestId">Chosen by the companion, echoed in the result.</param>
/// <param name="Number">What to dial.</param>
public sealed record DialRequest(
    uint RequestId,
    string Number) : ICompanionMessage<DialRequest>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.DialRequest;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out DialRequest message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt32(out uint requestId)
            || !reader.TryReadString(out string number)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new DialRequest(requestId, number);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 4 + PayloadWriter.SizeOf(Number);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteUInt32(RequestId);
        writer.WriteString(Number);
    }
}
