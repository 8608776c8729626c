using System.Buffers.Binary;

namespace CallSync.Media.Srtp;

/// <summary>
/// Where the parts of an RTP or RTCP packet lie, as far as SRTP needs them (RFC 3711 section 3.1, 3.4). Only the
/// header's extent is read: the padding octet RtpHeader checks is encrypted (or, received, followed by the
/// tag), so the full RTP parser cannot be used on a protected packet.
/// </summary>
internal static class SrtpPacket
{
    /// <summary>The fixed RTP header.</summary>
    internal const int RtpFixedHeaderLength = 12;

    /// <summary>The RTCP header that stays in clear: V/P/count, type, length, sender SSRC.</summary>
    internal const int RtcpClearHeaderLength = 8;

    /// <summary>The SRTCP word after the RTCP packet: E flag and 31-bit index.</summary>
    internal const int RtcpIndexLength = 4;

    /// <summary>Length of the RTP header (fixed part, CSRCs, extension); false when not version 2 or it runs past the end.</summary>
    public static bool TryGetRtpHeaderLength(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < RtpFixedHeaderLength || packet[0] >> 6 != 2)
        {
            return false;
        }

        int length = RtpFixedHeaderLength + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            // RFC 3550 section 5.3.1: profile, length in 32-bit words, then the words.
            if (length + 4 > packet.Length)
            {
                return false;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(length + 2, 2)));
        }

        if (length > packet.Length)
        {
            return false;
        }

        headerLength = length;
        return true;
    }

    /// <summary>True for RTCP version 2.</summary>
    public static bool IsRtcpVersion2(ReadOnlySpan<byte> packet) => packet[0] >> 6 == 2;

    public static ushort ReadSequence(ReadOnlySpan<byte> rtp) => BinaryPrimitives.ReadUInt16BigEndian(rtp.Slice(2, 2));

    public static uint ReadRtpSsrc(ReadOnlySpan<byte> rtp) => BinaryPrimitives.ReadUInt32BigEndian(rtp.Slice(8, 4));

    public static uint ReadRtcpSsrc(ReadOnlySpan<byte> rtcp) => BinaryPrimitives.ReadUInt32BigEndian(rtcp.Slice(4, 4));
}
