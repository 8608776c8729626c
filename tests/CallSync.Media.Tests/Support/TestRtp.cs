using System.Buffers.Binary;

namespace CallSync.Media.Tests.Support;

/// <summary>
/// Writes RTP packets byte by byte from RFC 3550 section 5.1, independently of the product's writer, with the
/// options foreign senders use: CSRC lists, a header extension, padding.
/// </summary>
internal static class TestRtp
{
    public static byte[] Packet(byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload,
        bool marker = false, int csrcCount = 0, int extensionWords = 0, int padding = 0)
    {
        int headerLength = 12 + (4 * csrcCount) + (extensionWords > 0 ? 4 + (4 * extensionWords) : 0);
        var packet = new byte[headerLength + payload.Length + padding];
        packet[0] = (byte)(0x80 | (padding > 0 ? 0x20 : 0) | (extensionWords > 0 ? 0x10 : 0) | csrcCount);
        packet[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        int offset = 12;
        for (int i = 0; i < csrcCount; i++, offset += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(offset), 0x1000u + (uint)i);
        }

        if (extensionWords > 0)
        {
            // RFC 8285 one-byte header form (0xBEDE), filled with an audio-level element and padding.
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(offset + 2), (ushort)extensionWords);
            packet[offset + 4] = 0x10; // id 1, length 1
            packet[offset + 5] = 0x2A;
            offset += 4 + (4 * extensionWords);
        }

        payload.CopyTo(packet.AsSpan(offset));
        if (padding > 0)
        {
            packet[^1] = (byte)padding;
        }

        return packet;
    }

    /// <summary>An RFC 4733 telephone-event payload.</summary>
    public static byte[] Event(byte code, bool end, ushort duration)
    {
        var payload = new byte[4];
        payload[0] = code;
        payload[1] = (byte)((end ? 0x80 : 0) | 10);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(2), duration);
        return payload;
    }
}
