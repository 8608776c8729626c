namespace CallSync.Testing.Audio;

/// <summary>Coarse spectral questions about a stretch of audio.</summary>
public static class Spectrum
{
    /// <summary>
    /// The strongest frequency between 50 Hz and <paramref name="highest"/> (default: just below half the sample
    /// rate), searched in <paramref name="step"/> Hz steps (10 Hz by default) with Goertzel: "is the tone at the
    /// right frequency".
    /// </summary>
    public static double DominantFrequency(ReadOnlySpan<short> samples, int sampleRate, double step = 10, double? highest = null)
    {
        var top = highest ?? (sampleRate / 2.0) - step;
        double best = 0, bestPower = -1;
        for (var frequency = 50.0; frequency <= top; frequency += step)
        {
            var power = Goertzel.Power(samples, frequency, sampleRate);
            if (power > bestPower)
            {
                (best, bestPower) = (frequency, power);
            }
        }

        return best;
    }
}
