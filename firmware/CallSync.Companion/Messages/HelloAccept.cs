using CallSync.Companion.Framing;

namespace CallSync.Companion.Messages;

/// <summary>Phone -> companion: the selected version and who the phone is.</summary>
/// <param name="Version">The version both sides use from now on.</param>
/// <param name="DeviceId">The desk phone's device id.</param>
/// <param name="DeviceNumber">The desk phone's extension or number.</param>
public sealed record HelloAccept(
    ushort Version,
    string DeviceId,
    string DeviceNumber) : ICompanionMessage<HelloAccept>
{
    /// <inheritdoc/>
    public static MessageType Type => MessageType.HelloAccept;

    /// <inheritdoc/>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out HelloAccept message)
    {
        var reader = new PayloadReader(payload.Span);
        if (!reader.TryReadUInt16(out ushort version)
            || !reader.TryReadString(out string deviceId)
            || !reader.TryReadString(out string deviceNumber)
            || reader.Remaining != 0)
        {
            message = null!;
            return false;
        }

        message = new HelloAccept(version, deviceId, deviceNumber);
        return true;
    }

    /// <inheritdoc/>
    public int GetSize() => 2 + PayloadWriter.SizeOf(DeviceId) + PayloadWriter.SizeOf(DeviceNumber);

    /// <inheritdoc/>
    public void Write(ref PayloadWriter writer)
    {
        writer.WriteUInt16(Version);
        writer.WriteString(DeviceId);
        writer.WriteString(DeviceNumber);
    }
}
