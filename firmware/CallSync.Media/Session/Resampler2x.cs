namespace CallSync.Media.Session;

/// <summary>
/// The 16 kHz device / 8 kHz G.711 bridge: pairwise averaging down, linear interpolation up. Crude but
/// cheap; G.711 is band-limited to 3.4 kHz anyway.
/// </summary>
internal static class Resampler2x
{
    public static void Down(ReadOnlySpan<short> source, Span<short> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (short)((source[2 * i] + source[(2 * i) + 1]) >> 1);
        }
    }

    public static void Up(ReadOnlySpan<short> source, Span<short> destination, ref short previous)
    {
        short prev = previous;
        for (int i = 0; i < source.Length; i++)
        {
            short s = source[i];
            destination[2 * i] = (short)((prev + s) >> 1);
            destination[(2 * i) + 1] = s;
            prev = s;
        }

        previous = prev;
    }
}
