namespace CallSync.Media.Codecs;

/// <summary>
/// ITU-T G.711 u-law and A-law, table-driven: 64 KiB encode tables indexed by the 16-bit sample and 256-entry
/// decode tables, built once.
/// </summary>
public static class G711
{
    private const int MuLawBias = 0x84;
    private const int Clip = 32635;

    private static readonly byte[] MuEncodeTable = BuildEncodeTable(EncodeMuLawSlow);
    private static readonly byte[] AEncodeTable = BuildEncodeTable(EncodeALawSlow);
    private static readonly short[] MuDecodeTable = BuildDecodeTable(DecodeMuLawSlow);
    private static readonly short[] ADecodeTable = BuildDecodeTable(DecodeALawSlow);

    /// <summary>Encodes PCM to u-law; <paramref name="destination"/> must be at least as long as <paramref name="pcm"/>.</summary>
    public static void EncodeMuLaw(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, pcm.Length);
        byte[] table = MuEncodeTable;
        for (int i = 0; i < pcm.Length; i++)
        {
            destination[i] = table[(ushort)pcm[i]];
        }
    }

    /// <summary>Encodes PCM to A-law.</summary>
    public static void EncodeALaw(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, pcm.Length);
        byte[] table = AEncodeTable;
        for (int i = 0; i < pcm.Length; i++)
        {
            destination[i] = table[(ushort)pcm[i]];
        }
    }

    /// <summary>Decodes u-law to PCM.</summary>
    public static void DecodeMuLaw(ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, encoded.Length);
        short[] table = MuDecodeTable;
        for (int i = 0; i < encoded.Length; i++)
        {
            pcm[i] = table[encoded[i]];
        }
    }

    /// <summary>Decodes A-law to PCM.</summary>
    public static void DecodeALaw(ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, encoded.Length);
        short[] table = ADecodeTable;
        for (int i = 0; i < encoded.Length; i++)
        {
            pcm[i] = table[encoded[i]];
        }
    }

    private static byte[] BuildEncodeTable(Func<short, byte> encode)
    {
        var table = new byte[65536];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = encode(unchecked((short)i));
        }

        return table;
    }

    private static short[] BuildDecodeTable(Func<byte, short> decode)
    {
        var table = new short[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = decode((byte)i);
        }

        return table;
    }

    private static byte EncodeMuLawSlow(short sample)
    {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        int magnitude = Math.Min(Math.Abs(s), Clip) + MuLawBias;
        int exponent = 7;
        while (exponent > 0 && (magnitude & (0x80 << exponent)) == 0)
        {
            exponent--;
        }

        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    private static short DecodeMuLawSlow(byte value)
    {
        int u = ~value & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
        return (short)((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static byte EncodeALawSlow(short sample)
    {
        int s = sample;
        int sign = s >= 0 ? 0x80 : 0;
        int magnitude = Math.Min(Math.Abs(s), Clip);
        int a;
        if (magnitude >= 256)
        {
            int exponent = 7;
            while (exponent > 1 && (magnitude & (0x80 << exponent)) == 0)
            {
                exponent--;
            }

            int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
            a = (exponent << 4) | mantissa;
        }
        else
        {
            a = magnitude >> 4;
        }

        return (byte)(a ^ (sign ^ 0x55));
    }

    private static short DecodeALawSlow(byte value)
    {
        int a = value ^ 0x55;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short)((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
