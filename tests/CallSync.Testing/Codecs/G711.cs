namespace CallSync.Testing.Codecs;

/// <summary>
/// G.711 companding written for the test kit from ITU-T G.711 (segment number, then four mantissa bits; mu-law with
/// the bias of 33 on a 14-bit magnitude, A-law on a 13-bit magnitude with even bits inverted), so the streams the
/// tests send never depend on the product's codec. 16-bit samples are rounded to 14 (13) bits first, as sox does;
/// checked byte for byte against sox's encoder for every 16-bit value.
/// </summary>
public static class G711
{
    public static byte MuLaw(short sample)
    {
        // 14-bit magnitude plus the bias that makes every segment start at a power of two.
        var value = Math.Min((sample + 2) >> 2, 8191);
        var sign = value < 0 ? 0x80 : 0x00; // inverted below: positive samples end up with the top bit set
        var magnitude = Math.Min(Math.Abs(value), 8158) + 33;
        var segment = 0;
        for (var limit = 64; magnitude >= limit && segment < 7; limit <<= 1)
        {
            segment++;
        }

        var mantissa = (magnitude >> (segment + 1)) & 0x0F;
        return (byte)~(sign | (segment << 4) | mantissa);
    }

    /// <summary>Expands a mu-law byte (G.711 table 2a): the inverse of <see cref="MuLaw"/> up to its quantisation.</summary>
    public static short MuLawToLinear(byte code)
    {
        var inverted = ~code & 0xFF;
        var exponent = (inverted >> 4) & 0x07;
        var magnitude = ((((inverted & 0x0F) << 3) + 0x84) << exponent) - 0x84;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }

    public static byte ALaw(short sample)
    {
        var value = Math.Min((sample + 4) >> 3, 4095); // 13-bit
        var sign = value >= 0 ? 0x80 : 0x00;
        var magnitude = value >= 0 ? value : -value - 1;
        magnitude = Math.Min(magnitude, 4095);
        int code;
        if (magnitude < 32)
        {
            code = magnitude >> 1;
        }
        else
        {
            var segment = 1;
            for (var limit = 64; magnitude >= limit && segment < 7; limit <<= 1)
            {
                segment++;
            }

            code = (segment << 4) | ((magnitude >> segment) & 0x0F);
        }

        return (byte)((sign | code) ^ 0x55);
    }
}
