using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>A refusal: the sender closes the connection after it.</summary>
/// <param name="Code">Machine-readable reason.</param>
/// <param name="Reason">Human-readable reason.</param>
public sealed record ErrorMessage(
    ErrorCode Code,
    string Reason) : ICompanionMessage<ErrorMessage>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.Error;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out ErrorMessage message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt16(out ushort codeRaw)
            || !reader.TryReadString(out string reason)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new ErrorMessage((ErrorCode)codeRaw, reason);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 2 + PayloadWriter.SizeOf(Reason);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteUInt16((ushort)Code);
        writer.WriteString(Reason);
    }
}
