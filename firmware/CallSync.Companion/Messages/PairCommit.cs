using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: the phone's public key and its commitment to its nonce.</summary>
/// <param name="PublicKey">Uncompressed SEC1 P-256 point.</param>
/// <param name="Commitment">HMAC-SHA256(key = phone nonce, PKp || PKc).</param>
public sealed record PairCommit(
    byte[] PublicKey,
    byte[] Commitment) : ICompanionMessage<PairCommit>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.PairCommit;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out PairCommit message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadFixed(65, out byte[] publicKey)
            || !reader.TryReadFixed(32, out byte[] commitment)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new PairCommit(publicKey, commitment);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 65 + 32;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteRest(PublicKey);
        writer.WriteRest(Commitment);
    }
}
