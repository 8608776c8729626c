using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Liveness probe.</summary>
/// <param name="Token">Echoed in the pong.</param>
public sealed record Ping(
    ulong Token) : ICompanionMessage<Ping>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.Ping;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out Ping message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt64(out ulong token)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new Ping(token);
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
