namespace CallSync.Testing.Audio;

/// <summary>How alike two waveforms are: the normalised cross-correlation at the best lag.</summary>
public static class Correlation
{
    /// <summary>
    /// The highest normalised correlation (-1 to 1) of <paramref name="received"/> against <paramref name="sent"/>
    /// over lags 0 to <paramref name="maxLag"/> samples (the received audio starts later), and that lag. Both at the
    /// same sample rate; the overlap is the shorter of the two after the lag.
    /// </summary>
    public static (double Coefficient, int Lag) Best(ReadOnlySpan<short> sent, ReadOnlySpan<short> received, int maxLag)
    {
        double best = double.NegativeInfinity;
        var bestLag = 0;
        for (var lag = 0; lag <= maxLag && lag < received.Length; lag++)
        {
            var length = Math.Min(sent.Length, received.Length - lag);
            var coefficient = At(sent[..length], received.Slice(lag, length));
            if (coefficient > best)
            {
                (best, bestLag) = (coefficient, lag);
            }
        }

        return (best, bestLag);
    }

    /// <summary>The normalised correlation of two equally long waveforms at lag 0.</summary>
    public static double At(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        return aa == 0 || bb == 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }

    /// <summary>Resamples by linear interpolation (to compare a 8 kHz sent signal with a 48 kHz decoded recording).</summary>
    public static short[] Resample(ReadOnlySpan<short> samples, int fromRate, int toRate)
    {
        var output = new short[(int)((long)samples.Length * toRate / fromRate)];
        for (var i = 0; i < output.Length; i++)
        {
            var position = (double)i * fromRate / toRate;
            var index = (int)position;
            var next = Math.Min(index + 1, samples.Length - 1);
            var fraction = position - index;
            output[i] = (short)Math.Round((samples[index] * (1 - fraction)) + (samples[next] * fraction));
        }

        return output;
    }
}
