using System.Buffers.Binary;

namespace CallSync.Media.Rtcp;

/// <summary>Writes RTCP packets into caller buffers; concatenate the results to form a compound packet.</summary>
public static class RtcpWriter
{
    /// <summary>SDES item type CNAME (RFC 3550 section 6.5.1).</summary>
    private const byte SdesCname = 1;

    /// <summary>Writes an SR with zero or one report block.</summary>
    public static bool TryWriteSenderReport(
        Span<byte> destination, uint ssrc, in RtcpSenderInfo senderInfo, in RtcpReportBlock? block, out int written)
    {
        written = 0;
        int blocks = block.HasValue ? 1 : 0;
        int length = 8 + RtcpSenderInfo.Length + (blocks * RtcpReportBlock.Length);
        if (destination.Length < length)
        {
            return false;
        }

        WriteHeader(destination, blocks, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4, 4), ssrc);
        senderInfo.TryWrite(destination.Slice(8, RtcpSenderInfo.Length));
        block?.TryWrite(destination.Slice(8 + RtcpSenderInfo.Length, RtcpReportBlock.Length));
        written = length;
        return true;
    }

    /// <summary>Writes an RR with zero or one report block.</summary>
    public static bool TryWriteReceiverReport(Span<byte> destination, uint ssrc, in RtcpReportBlock? block, out int written)
    {
        written = 0;
        int blocks = block.HasValue ? 1 : 0;
        int length = 8 + (blocks * RtcpReportBlock.Length);
        if (destination.Length < length)
        {
            return false;
        }

        WriteHeader(destination, blocks, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4, 4), ssrc);
        block?.TryWrite(destination.Slice(8, RtcpReportBlock.Length));
        written = length;
        return true;
    }

    /// <summary>Writes an SDES packet with one chunk carrying a CNAME item (required in every compound packet).</summary>
    public static bool TryWriteSourceDescription(Span<byte> destination, uint ssrc, ReadOnlySpan<byte> cname, out int written)
    {
        written = 0;
        if (cname.Length > 255)
        {
            return false;
        }

        // ssrc + type + len + text + at least one null terminator, padded to 32 bits (section 6.5).
        int chunk = 4 + 2 + cname.Length + 1;
        chunk = (chunk + 3) & ~3;
        int length = 4 + chunk;
        if (destination.Length < length)
        {
            return false;
        }

        destination[..length].Clear();
        WriteHeader(destination, 1, RtcpPacketType.SourceDescription, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4, 4), ssrc);
        destination[8] = SdesCname;
        destination[9] = (byte)cname.Length;
        cname.CopyTo(destination[10..]);
        written = length;
        return true;
    }

    /// <summary>Writes a BYE for one source, without a reason.</summary>
    public static bool TryWriteBye(Span<byte> destination, uint ssrc, out int written)
    {
        written = 0;
        if (destination.Length < 8)
        {
            return false;
        }

        WriteHeader(destination, 1, RtcpPacketType.Bye, 8);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4, 4), ssrc);
        written = 8;
        return true;
    }

    private static void WriteHeader(Span<byte> destination, int count, RtcpPacketType type, int lengthBytes)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2, 2), (ushort)((lengthBytes / 4) - 1));
    }
}
