using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Answer to a ping.</summary>
/// <param name="Token">The ping's token.</param>
public sealed record Pong(
    ulong Token) : ICompanionMessage<Pong>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.Pong;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out Pong message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt64(out ulong token)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new Pong(token);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 8;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteUInt64(Token);
    }
}
