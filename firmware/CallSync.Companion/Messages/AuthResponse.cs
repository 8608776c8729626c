using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: the companion's proof.</summary>
/// <param name="Proof">HMAC-SHA256(LTK, "callsync-companion/1 companion" || id || Nc || Np).</param>
public sealed record AuthResponse(
    byte[] Proof) : ICompanionMessage<AuthResponse>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.AuthResponse;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out AuthResponse message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadFixed(32, out byte[] proof)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new AuthResponse(proof);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 32;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteRest(Proof);
    }
}
