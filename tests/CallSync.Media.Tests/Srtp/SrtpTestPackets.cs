using System.Buffers.Binary;

namespace CallSync.Media.Tests.Srtp;

/// <summary>RTP and RTCP packets for the SRTP tests, in buffers with room for what SRTP appends.</summary>
internal static class SrtpTestPackets
{
    /// <summary>Room after a packet: SRTCP index, a 4-byte MKI and an 80-bit tag, with margin.</summary>
    public const int Room = 64;

    /// <summary>The 30 bytes of key and salt of RFC 3711 B.3 (and of libsrtp's own validation vector).</summary>
    public static byte[] Rfc3711KeySalt { get; } = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE41390EC675AD498AFEEBB6960B3AABE6");

    /// <summary>Another key and salt, for tests that need two.</summary>
    public static byte[] OtherKeySalt { get; } = Enumerable.Range(1, 30).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>
    /// An RTP packet (version 2, PT 0) with <paramref name="payloadLength"/> bytes of payload derived from the
    /// sequence number; optionally with two CSRCs and a one-word header extension (both stay in clear).
    /// </summary>
    public static byte[] Rtp(ushort sequence, uint ssrc, int payloadLength = 160, bool csrcAndExtension = false)
    {
        int header = csrcAndExtension ? 12 + 8 + 8 : 12;
        var packet = new byte[header + payloadLength + Room];
        packet[0] = (byte)(csrcAndExtension ? 0x80 | 0x10 | 2 : 0x80);
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 160u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        if (csrcAndExtension)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), 0x1111_1111);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), 0x2222_2222);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), 1);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(24), 0x10AA_0000);
        }

        for (int i = 0; i < payloadLength; i++)
        {
            packet[header + i] = (byte)(sequence + (i * 31));
        }

        return packet;
    }

    /// <summary>The length of the RTP packet <see cref="Rtp"/> built (without the room).</summary>
    public static int Length(byte[] packet) => packet.Length - Room;

    /// <summary>An RTCP receiver report (one report block) from <paramref name="ssrc"/>, then an SDES CNAME: a compound packet.</summary>
    public static byte[] Rtcp(uint ssrc, byte fill)
    {
        var packet = new byte[32 + 16 + Room];
        packet[0] = 0x81;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        packet.AsSpan(8, 24).Fill(fill);
        packet[32] = 0x81;
        packet[33] = 202;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), 3);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(36), ssrc);
        packet[40] = 1;
        packet[41] = 5;
        "desk1"u8.CopyTo(packet.AsSpan(42));
        return packet;
    }
}
