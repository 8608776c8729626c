using System.Buffers.Binary;

namespace CallSync.Media.Rtcp;

/// <summary>One reception report block of an SR or RR (RFC 3550 section 6.4.1), 24 bytes on the wire.</summary>
public readonly record struct RtcpReportBlock
{
    /// <summary>Bytes on the wire.</summary>
    public const int Length = 24;

    /// <summary>The source this block reports on.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Fraction lost since the previous report, in 1/256 units.</summary>
    public byte FractionLost { get; init; }

    /// <summary>Cumulative packets lost (24-bit signed: duplicates can make it negative).</summary>
    public int CumulativeLost { get; init; }

    /// <summary>Extended highest sequence number received.</summary>
    public uint ExtendedHighestSequence { get; init; }

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public uint Jitter { get; init; }

    /// <summary>Middle 32 bits of the NTP timestamp of the last SR received from this source (0 if none).</summary>
    public uint LastSenderReport { get; init; }

    /// <summary>Delay since that SR, in 1/65536 s.</summary>
    public uint DelaySinceLastSenderReport { get; init; }

    /// <summary>Parses one block; false when fewer than 24 bytes are given.</summary>
    public static bool TryParse(ReadOnlySpan<byte> source, out RtcpReportBlock block)
    {
        block = default;
        if (source.Length < Length)
        {
            return false;
        }

        uint lostWord = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(4, 4));
        int cumulative = (int)(lostWord & 0x00FF_FFFF);
        if ((cumulative & 0x0080_0000) != 0)
        {
            cumulative |= unchecked((int)0xFF00_0000);
        }

        block = new RtcpReportBlock
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(source),
            FractionLost = (byte)(lostWord >> 24),
            CumulativeLost = cumulative,
            ExtendedHighestSequence = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(8, 4)),
            Jitter = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(12, 4)),
            LastSenderReport = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(16, 4)),
            DelaySinceLastSenderReport = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(20, 4)),
        };
        return true;
    }

    /// <summary>Writes the 24-byte block.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            return false;
        }

        int clamped = Math.Clamp(CumulativeLost, -0x80_0000, 0x7F_FFFF);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(
            destination.Slice(4, 4), ((uint)FractionLost << 24) | ((uint)clamped & 0x00FF_FFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8, 4), ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(12, 4), Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(16, 4), LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(20, 4), DelaySinceLastSenderReport);
        return true;
    }
}
