using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: start mutual authentication.</summary>
/// <param name="CompanionId">The id assigned at pairing.</param>
/// <param name="Nonce">Companion nonce.</param>
/// <param name="Flags">What the companion wants from this session.</param>
public sealed record AuthRequest(
    string CompanionId,
    byte[] Nonce,
    SessionFlags Flags) : ICompanionMessage<AuthRequest>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.AuthRequest;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out AuthRequest message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string companionId)
            || !reader.TryReadFixed(16, out byte[] nonce)
            || !reader.TryReadByte(out byte flagsRaw)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new AuthRequest(companionId, nonce, (SessionFlags)flagsRaw);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(CompanionId) + 16 + 1;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(CompanionId);
        writer.WriteRest(Nonce);
        writer.WriteByte((byte)Flags);
    }
}
