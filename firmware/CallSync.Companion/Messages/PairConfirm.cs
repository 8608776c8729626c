using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: the app user's decision and the key-confirmation value.</summary>
/// <param name="Accepted">True when the app user confirmed the code.</param>
/// <param name="Check">HMAC-SHA256(LTK, "callsync-companion/1 confirm" || PKc || PKp || Nc || Np).</param>
public sealed record PairConfirm(
    bool Accepted,
    byte[] Check) : ICompanionMessage<PairConfirm>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.PairConfirm;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out PairConfirm message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!(reader.TryReadByte(out byte acceptedRaw) && acceptedRaw <= 1)
            || !reader.TryReadFixed(32, out byte[] check)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new PairConfirm(acceptedRaw == 1, check);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 1 + 32;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteByte(Accepted ? (byte)1 : (byte)0);
        writer.WriteRest(Check);
    }
}
