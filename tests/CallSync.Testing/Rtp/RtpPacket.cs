using System.Buffers.Binary;

namespace CallSync.Testing.Rtp;

/// <summary>
/// One RTP packet as a test sends it (RFC 3550 section 5.1), with the time it leaves relative to the stream's start.
/// Written by the test kit itself, never by the product's RTP writer.
/// </summary>
public sealed record RtpPacket
{
    public required int PayloadType { get; init; }

    public required ushort SequenceNumber { get; init; }

    public required uint Timestamp { get; init; }

    public required uint Ssrc { get; init; }

    public bool Marker { get; init; }

    /// <summary>Contributing sources (at most 15).</summary>
    public IReadOnlyList<uint> Csrcs { get; init; } = [];

    public RtpHeaderExtension? Extension { get; init; }

    public required byte[] Payload { get; init; }

    /// <summary>When the packet leaves, from the first packet of the stream.</summary>
    public required TimeSpan SendTime { get; init; }

    public int Length => 12 + (4 * Csrcs.Count) + (Extension is null ? 0 : 4 + Extension.Data.Length) + Payload.Length;

    /// <summary>The packet's bytes.</summary>
    public byte[] ToBytes()
    {
        if (Csrcs.Count > 15 || Extension is { Data.Length: var n } && n % 4 != 0)
        {
            throw new InvalidOperationException("at most 15 CSRCs, and extension data in whole 32-bit words");
        }

        var bytes = new byte[Length];
        var span = bytes.AsSpan();
        span[0] = (byte)(0x80 | (Extension is null ? 0 : 0x10) | Csrcs.Count);
        span[1] = (byte)((Marker ? 0x80 : 0) | (PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], Ssrc);
        var offset = 12;
        foreach (var csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[offset..], csrc);
            offset += 4;
        }

        if (Extension is { } extension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[offset..], extension.Profile);
            BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], (ushort)(extension.Data.Length / 4));
            extension.Data.CopyTo(span[(offset + 4)..]);
            offset += 4 + extension.Data.Length;
        }

        Payload.CopyTo(span[offset..]);
        return bytes;
    }
}
