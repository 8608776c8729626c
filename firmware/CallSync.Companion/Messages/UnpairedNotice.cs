using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: the pairing was removed.</summary>
/// <param name="Reason">Who removed it and why.</param>
public sealed record UnpairedNotice(
    string Reason) : ICompanionMessage<UnpairedNotice>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.Unpaired;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out UnpairedNotice message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string reason)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new UnpairedNotice(reason);
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
