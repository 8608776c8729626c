using System.Buffers.Binary;

namespace CallSync.Media.Tests.Support;

/// <summary>A packet the session sent, read byte by byte (fixed header only: the session writes no CSRC or extension).</summary>
internal readonly record struct SentPacket(bool Marker, byte PayloadType, ushort Sequence, uint Timestamp, uint Ssrc, byte[] Payload)
{
    public static SentPacket Read(byte[] datagram)
    {
        Assert.True(datagram.Length >= 12 && datagram[0] == 0x80, "RTP version 2, no padding, extension or CSRC");
        return new SentPacket(
            (datagram[1] & 0x80) != 0,
            (byte)(datagram[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(2)),
            BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(4)),
            BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(8)),
            datagram[12..]);
    }
}
