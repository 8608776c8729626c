namespace CallSync.Testing.Audio;

/// <summary>The power of one frequency in a block of samples (the Goertzel algorithm: one DFT bin, no FFT).</summary>
public static class Goertzel
{
    /// <summary>The squared magnitude of the <paramref name="frequency"/> bin over <paramref name="samples"/>.</summary>
    public static double Power(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }

    /// <summary>
    /// The RMS amplitude of the <paramref name="frequency"/> component, in sample units: a sine of amplitude A gives
    /// about A / sqrt(2) when the block holds many periods. Comparable across block lengths.
    /// </summary>
    public static double Amplitude(ReadOnlySpan<short> samples, double frequency, int sampleRate) =>
        samples.Length == 0 ? 0 : Math.Sqrt(2 * Power(samples, frequency, sampleRate)) / samples.Length;
}
