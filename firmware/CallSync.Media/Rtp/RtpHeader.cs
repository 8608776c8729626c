using System.Buffers.Binary;

namespace CallSync.Media.Rtp;

/// <summary>
/// The fixed RTP header (RFC 3550 section 5.1) plus the location of the payload inside the datagram.
/// CSRC identifiers and the header extension are skipped, not kept: a desk phone never mixes.
/// </summary>
public readonly record struct RtpHeader
{
    /// <summary>Length of the fixed header without CSRCs.</summary>
    public const int FixedLength = 12;

    /// <summary>True when the M bit is set (start of a talk spurt, first telephone-event packet).</summary>
    public bool Marker { get; init; }

    /// <summary>7-bit payload type.</summary>
    public byte PayloadType { get; init; }

    /// <summary>16-bit sequence number.</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>Media timestamp in the codec's RTP clock.</summary>
    public uint Timestamp { get; init; }

    /// <summary>Synchronisation source.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Number of CSRC entries that were present (0-15).</summary>
    public int CsrcCount { get; init; }

    /// <summary>True when a header extension was present (and skipped).</summary>
    public bool HasExtension { get; init; }

    /// <summary>Offset of the payload from the start of the datagram.</summary>
    public int PayloadOffset { get; init; }

    /// <summary>Payload length, padding excluded.</summary>
    public int PayloadLength { get; init; }

    /// <summary>
    /// Parses one RTP datagram. Returns false (never throws) for anything RFC 3550 does not allow:
    /// version other than 2, CSRC list or extension running past the end, padding longer than the payload.
    /// </summary>
    /// <param name="datagram">The whole UDP payload.</param>
    /// <param name="header">The parsed header.</param>
    /// <param name="consumed">Bytes of header (fixed, CSRCs, extension): the payload starts here.</param>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtpHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (datagram.Length < FixedLength)
        {
            return false;
        }

        byte b0 = datagram[0];
        if (b0 >> 6 != 2)
        {
            return false;
        }

        bool padding = (b0 & 0x20) != 0;
        bool extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int offset = FixedLength + (4 * csrcCount);
        if (offset > datagram.Length)
        {
            return false;
        }

        if (extension)
        {
            // Section 5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the words.
            if (offset + 4 > datagram.Length)
            {
                return false;
            }

            int words = BinaryPrimitives.ReadUInt16BigEndian(datagram.Slice(offset + 2, 2));
            long end = offset + 4L + (4L * words);
            if (end > datagram.Length)
            {
                return false;
            }

            offset = (int)end;
        }

        int payloadLength = datagram.Length - offset;
        if (padding)
        {
            // Section 5.1: the last octet counts the padding octets, itself included.
            if (payloadLength == 0)
            {
                return false;
            }

            int pad = datagram[^1];
            if (pad == 0 || pad > payloadLength)
            {
                return false;
            }

            payloadLength -= pad;
        }

        byte b1 = datagram[1];
        header = new RtpHeader
        {
            Marker = (b1 & 0x80) != 0,
            PayloadType = (byte)(b1 & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(datagram.Slice(2, 2)),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(4, 4)),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(8, 4)),
            CsrcCount = csrcCount,
            HasExtension = extension,
            PayloadOffset = offset,
            PayloadLength = payloadLength,
        };
        consumed = offset;
        return true;
    }

    /// <summary>
    /// Writes only the 12-byte header, for callers that encode the payload in place after it.
    /// </summary>
    public static bool TryWriteHeader(
        Span<byte> destination, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc)
    {
        if (destination.Length < FixedLength || payloadType > 127)
        {
            return false;
        }

        destination[0] = 0x80;
        destination[1] = (byte)((marker ? 0x80 : 0) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2, 2), sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4, 4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(8, 4), ssrc);
        return true;
    }

    /// <summary>
    /// Writes a 12-byte header (no CSRC, no extension, no padding) followed by <paramref name="payload"/>.
    /// </summary>
    public static bool TryWrite(
        Span<byte> destination,
        bool marker,
        byte payloadType,
        ushort sequenceNumber,
        uint timestamp,
        uint ssrc,
        ReadOnlySpan<byte> payload,
        out int written)
    {
        written = 0;
        int total = FixedLength + payload.Length;
        if (destination.Length < total || payloadType > 127)
        {
            return false;
        }

        TryWriteHeader(destination, marker, payloadType, sequenceNumber, timestamp, ssrc);
        payload.CopyTo(destination[FixedLength..]);
        written = total;
        return true;
    }
}
