using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: forget this companion.</summary>
/// <param name="Reason">Free text.</param>
public sealed record UnpairRequest(
    string Reason) : ICompanionMessage<UnpairRequest>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.Unpair;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out UnpairRequest message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string reason)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new UnpairRequest(reason);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(Reason);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(Reason);
    }
}
