namespace CallSync.Testing.Rtp;

/// <summary>An RTP header extension (RFC 3550 section 5.3.1): a 16-bit profile and data in whole 32-bit words.</summary>
public sealed record RtpHeaderExtension(ushort Profile, byte[] Data)
{
    /// <summary>
    /// The one-byte form of RFC 8285 (profile 0xBEDE): elements of (id 1-14, 1-16 bytes), padded to a word.
    /// </summary>
    public static RtpHeaderExtension OneByte(params (byte Id, byte[] Value)[] elements)
    {
        var data = new List<byte>();
        foreach (var (id, value) in elements)
        {
            if (id is < 1 or > 14 || value.Length is < 1 or > 16)
            {
                throw new ArgumentException("a one-byte element has an id of 1-14 and 1-16 bytes", nameof(elements));
            }

            data.Add((byte)((id << 4) | (value.Length - 1)));
            data.AddRange(value);
        }

        while (data.Count % 4 != 0)
        {
            data.Add(0);
        }

        return new RtpHeaderExtension(0xBEDE, [.. data]);
    }
}
