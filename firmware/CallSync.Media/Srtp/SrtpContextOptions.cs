namespace CallSync.Media.Srtp;

/// <summary>What SDES may add to a master key (RFC 4568 section 6.1): its MKI and its lifetime.</summary>
public sealed record SrtpContextOptions
{
    /// <summary>The largest MKI SDES allows, in bytes.</summary>
    public const int MaxMkiLength = 128;

    /// <summary>The master key identifier carried in every packet (big-endian, 1-128 bytes); empty for none.</summary>
    public ReadOnlyMemory<byte> Mki { get; init; }

    /// <summary>
    /// The key's lifetime in packets, counted separately for SRTP and SRTCP; null for the suite's limits
    /// (2^48 SRTP, 2^31 SRTCP). When reached, every call returns <see cref="SrtpResult.KeyExhausted"/>.
    /// </summary>
    public ulong? MaxPackets { get; init; }

    /// <summary>Encodes an SDES MKI (<c>|value:length</c>) as <paramref name="length"/> big-endian bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is outside 1-128 or the value does not fit.</exception>
    public static byte[] EncodeMki(ulong value, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxMkiLength);
        if (length < 8 && value >> (8 * length) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"MKI {value} does not fit in {length} bytes");
        }

        var mki = new byte[length];
        for (int i = 0; i < Math.Min(length, 8); i++)
        {
            mki[length - 1 - i] = (byte)(value >> (8 * i));
        }

        return mki;
    }
}
