using System.Buffers.Binary;

namespace CallSync.Media.Rtcp;

/// <summary>
/// Walks the packets of a compound RTCP datagram (RFC 3550 section 6.1) without allocating. Stops, with
/// <see cref="IsMalformed"/> set, at the first header that is not version 2 or whose length runs past the end.
/// </summary>
public ref struct RtcpCompoundReader
{
    private readonly ReadOnlySpan<byte> _datagram;
    private int _offset;

    /// <summary>Starts reading <paramref name="datagram"/>.</summary>
    public RtcpCompoundReader(ReadOnlySpan<byte> datagram)
    {
        _datagram = datagram;
        _offset = 0;
        IsMalformed = false;
    }

    /// <summary>True when reading stopped on a malformed packet rather than at the end.</summary>
    public bool IsMalformed { get; private set; }

    /// <summary>
    /// Reads the next packet: its type, the 5-bit count field (report count, source count) and the body
    /// after the 4-byte header with any padding removed.
    /// </summary>
    public bool TryReadNext(out RtcpPacketType type, out int count, out ReadOnlySpan<byte> body)
    {
        type = default;
        count = 0;
        body = default;
        if (IsMalformed || _offset >= _datagram.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = _datagram[_offset..];
        if (rest.Length < 4 || rest[0] >> 6 != 2)
        {
            IsMalformed = true;
            return false;
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(rest.Slice(2, 2)) + 1) * 4;
        if (length > rest.Length)
        {
            IsMalformed = true;
            return false;
        }

        ReadOnlySpan<byte> packet = rest[..length];
        int bodyLength = length - 4;
        if ((rest[0] & 0x20) != 0)
        {
            int pad = packet[^1];
            if (pad == 0 || pad > bodyLength)
            {
                IsMalformed = true;
                return false;
            }

            bodyLength -= pad;
        }

        type = (RtcpPacketType)rest[1];
        count = rest[0] & 0x1F;
        body = packet.Slice(4, bodyLength);
        _offset += length;
        return true;
    }
}
