using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Companion -> phone: the protocol versions the companion speaks and its software name.</summary>
/// <param name="MinVersion">Lowest protocol version supported.</param>
/// <param name="MaxVersion">Highest protocol version supported.</param>
/// <param name="Software">Free text, e.g. "callsync-companion 0.1".</param>
public sealed record Hello(
    ushort MinVersion,
    ushort MaxVersion,
    string Software) : ICompanionMessage<Hello>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.Hello;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out Hello message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt16(out ushort minVersion)
            || !reader.TryReadUInt16(out ushort maxVersion)
            || !reader.TryReadString(out string software)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new Hello(minVersion, maxVersion, software);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 2 + 2 + PayloadWriter.SizeOf(Software);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteUInt16(MinVersion);
        writer.WriteUInt16(MaxVersion);
        writer.WriteString(Software);
    }
}
