using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>A 16-byte pairing nonce.</summary>
/// <param name="Nonce">Fresh random bytes.</param>
public sealed record PairNonce(
    byte[] Nonce) : ICompanionMessage<PairNonce>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.PairNonce;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out PairNonce message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadFixed(16, out byte[] nonce)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new PairNonce(nonce);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 16;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteRest(Nonce);
    }
}
