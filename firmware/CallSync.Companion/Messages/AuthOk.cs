using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion (sealed): the session is open.</summary>
/// <param name="CompanionId">The authenticated companion.</param>
public sealed record AuthOk(
    string CompanionId) : ICompanionMessage<AuthOk>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.AuthOk;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out AuthOk message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadString(out string companionId)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new AuthOk(companionId);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => PayloadWriter.SizeOf(CompanionId);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteString(CompanionId);
    }
}
