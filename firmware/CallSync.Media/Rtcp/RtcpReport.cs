using System.Buffers.Binary;

namespace CallSync.Media.Rtcp;

/// <summary>
/// The body of an SR or RR (RFC 3550 sections 6.4.1, 6.4.2) as views over the datagram: read blocks with
/// <see cref="TryGetBlock"/>.
/// </summary>
public readonly ref struct RtcpReport
{
    private readonly ReadOnlySpan<byte> _blocks;

    private RtcpReport(uint senderSsrc, bool hasSenderInfo, RtcpSenderInfo senderInfo, ReadOnlySpan<byte> blocks, int blockCount)
    {
        SenderSsrc = senderSsrc;
        HasSenderInfo = hasSenderInfo;
        SenderInfo = senderInfo;
        _blocks = blocks;
        BlockCount = blockCount;
    }

    /// <summary>SSRC of the packet's sender.</summary>
    public uint SenderSsrc { get; }

    /// <summary>True for an SR.</summary>
    public bool HasSenderInfo { get; }

    /// <summary>Sender information (default for an RR).</summary>
    public RtcpSenderInfo SenderInfo { get; }

    /// <summary>Number of report blocks present.</summary>
    public int BlockCount { get; }

    /// <summary>Parses an SR or RR body as returned by <see cref="RtcpCompoundReader"/>; false when it is too short.</summary>
    public static bool TryParse(RtcpPacketType type, int count, ReadOnlySpan<byte> body, out RtcpReport report)
    {
        report = default;
        if (type is not (RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport) || body.Length < 4)
        {
            return false;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(body);
        int offset = 4;
        RtcpSenderInfo info = default;
        bool isSr = type == RtcpPacketType.SenderReport;
        if (isSr)
        {
            if (!RtcpSenderInfo.TryParse(body[offset..], out info))
            {
                return false;
            }

            offset += RtcpSenderInfo.Length;
        }

        if (offset + (count * RtcpReportBlock.Length) > body.Length)
        {
            return false;
        }

        report = new RtcpReport(ssrc, isSr, info, body.Slice(offset, count * RtcpReportBlock.Length), count);
        return true;
    }

    /// <summary>Reads report block <paramref name="index"/>.</summary>
    public bool TryGetBlock(int index, out RtcpReportBlock block)
    {
        block = default;
        if (index < 0 || index >= BlockCount)
        {
            return false;
        }

        return RtcpReportBlock.TryParse(_blocks.Slice(index * RtcpReportBlock.Length, RtcpReportBlock.Length), out block);
    }
}
