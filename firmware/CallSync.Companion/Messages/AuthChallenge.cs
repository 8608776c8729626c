using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: phone nonce and the phone's proof.</summary>
/// <param name="Nonce">Phone nonce.</param>
/// <param name="Proof">HMAC-SHA256(LTK, "callsync-companion/1 phone" || id || Nc || Np).</param>
public sealed record AuthChallenge(
    byte[] Nonce,
    byte[] Proof) : ICompanionMessage<AuthChallenge>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.AuthChallenge;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out AuthChallenge message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadFixed(16, out byte[] nonce)
            || !reader.TryReadFixed(32, out byte[] proof)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new AuthChallenge(nonce, proof);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 16 + 32;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteRest(Nonce);
        writer.WriteRest(Proof);
    }
}
