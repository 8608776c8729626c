namespace CallSync.Media.Tests.Support;

/// <summary>Tone generation and Goertzel power measurement for audio assertions.</summary>
internal static class Signal
{
    public static void Tone(Span<short> destination, int sampleRate, double frequency, double amplitude, ref long sampleIndex)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (short)(amplitude * Math.Sin(2 * Math.PI * frequency * (sampleIndex + i) / sampleRate));
        }

        sampleIndex += destination.Length;
    }

    /// <summary>Power of <paramref name="frequency"/> in the samples (Goertzel), normalised by length.</summary>
    public static double Goertzel(ReadOnlySpan<short> samples, int sampleRate, double frequency)
    {
        double coeff = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0;
        double s2 = 0;
        foreach (short x in samples)
        {
            double s0 = x + (coeff * s1) - s2;
            s2 = s1;
            s1 = s0;
        }

        double power = (s1 * s1) + (s2 * s2) - (coeff * s1 * s2);
        return power / samples.Length / samples.Length;
    }

    public static double Db(double a, double b) => 10 * Math.Log10((a + 1e-9) / (b + 1e-9));
}
