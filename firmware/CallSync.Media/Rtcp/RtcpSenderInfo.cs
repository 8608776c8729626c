using System.Buffers.Binary;

namespace CallSync.Media.Rtcp;

/// <summary>The sender information section of an SR (RFC 3550 section 6.4.1), 20 bytes on the wire.</summary>
public readonly record struct RtcpSenderInfo
{
    /// <summary>Bytes on the wire.</summary>
    public const int Length = 20;

    /// <summary>64-bit NTP timestamp (seconds since 1900 in the high word, fraction in the low word).</summary>
    public ulong NtpTimestamp { get; init; }

    /// <summary>The same instant in the RTP clock.</summary>
    public uint RtpTimestamp { get; init; }

    /// <summary>Sender's packet count.</summary>
    public uint PacketCount { get; init; }

    /// <summary>Sender's payload octet count.</summary>
    public uint OctetCount { get; init; }

    /// <summary>The middle 32 bits of <see cref="NtpTimestamp"/>, the value echoed as LSR.</summary>
    public uint NtpMiddle => (uint)(NtpTimestamp >> 16);

    /// <summary>Parses the 20 bytes; false when fewer are given.</summary>
    public static bool TryParse(ReadOnlySpan<byte> source, out RtcpSenderInfo info)
    {
        info = default;
        if (source.Length < Length)
        {
            return false;
        }

        info = new RtcpSenderInfo
        {
            NtpTimestamp = BinaryPrimitives.ReadUInt64BigEndian(source),
            RtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(8, 4)),
            PacketCount = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(12, 4)),
            OctetCount = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(16, 4)),
        };
        return true;
    }

    /// <summary>Writes the 20 bytes.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8, 4), RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12, 4), PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16, 4), OctetCount);
        return true;
    }
}
