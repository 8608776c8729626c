using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: start pairing.</summary>
/// <param name="AppUserId">The app user the binding is for.</param>
/// <param name="CompanionName">Shown on the desk phone, e.g. the mobile's name.</param>
/// <param name="PublicKey">Uncompressed SEC1 P-256 point (0x04 || X || Y).</param>
public sealed record PairStart(
    string AppUserId,
    string CompanionName,
    byte[] PublicKey) : ICompanionMessage<PairStart>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.PairStart;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out PairStart message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string appUserId)
            || !reader.TryReadString(out string companionName)
            || !reader.TryReadFixed(65, out byte[] publicKey)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new PairStart(appUserId, companionName, publicKey);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(AppUserId) + PayloadWriter.SizeOf(CompanionName) + 65;

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(AppUserId);
        writer.WriteString(CompanionName);
        writer.WriteRest(PublicKey);
    }
}
