namespace CallSync.Testing.Audio;

/// <summary>How alike two waveforms are: the normalised cross-correlation at the best lag.</summary>
public static class Correlation
{
    /// <summary>Samples per block of the coarse (envelope) search.</summary>
    private const int Block = 64;

    /// <summary>
    /// The highest normalised correlation (-1 to 1) of <paramref name="received"/> against <paramref name="sent"/>
    /// over lags 0 to <paramref name="maxLag"/> samples (the received audio starts later), and that lag. Both at the
    /// same sample rate; the overlap is the shorter of the two after the lag. The lag is found coarse to fine: first
    /// the energy envelopes (blocks of 64 samples) are matched, then every lag within two blocks of that.
    /// </summary>
    public static (double Coefficient, int Lag) Best(ReadOnlySpan<short> sent, ReadOnlySpan<short> received, int maxLag)
    {
        var coarse = Search(Envelope(sent), Envelope(received), 0, maxLag / Block) * Block;
        var best = double.NegativeInfinity;
        var bestLag = 0;
        for (var lag = Math.Max(0, coarse - (2 * Block)); lag <= Math.Min(maxLag, coarse + (2 * Block)) && lag < received.Length; lag++)
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

    /// <summary>Averages groups of <paramref name="factor"/> samples: a crude low-pass and decimation (48 kHz to 8 kHz with 6).</summary>
    public static short[] Decimate(ReadOnlySpan<short> samples, int factor)
    {
        var output = new short[samples.Length / factor];
        for (var i = 0; i < output.Length; i++)
        {
            var sum = 0;
            foreach (var sample in samples.Slice(i * factor, factor))
            {
                sum += sample;
            }

            output[i] = (short)(sum / factor);
        }

        return output;
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

    /// <summary>The lag (in blocks) where two envelopes correlate best.</summary>
    private static int Search(short[] sent, short[] received, int from, int to)
    {
        var best = double.NegativeInfinity;
        var bestLag = from;
        for (var lag = from; lag <= to && lag < received.Length; lag++)
        {
            var length = Math.Min(sent.Length, received.Length - lag);
            var coefficient = At(sent.AsSpan(0, length), received.AsSpan(lag, length));
            if (coefficient > best)
            {
                (best, bestLag) = (coefficient, lag);
            }
        }

        return bestLag;
    }

    /// <summary>Mean absolute amplitude per block, with the envelope's mean removed (so silence and speech differ in sign).</summary>
    private static short[] Envelope(ReadOnlySpan<short> samples)
    {
        var envelope = new double[samples.Length / Block];
        for (var i = 0; i < envelope.Length; i++)
        {
            double sum = 0;
            foreach (var sample in samples.Slice(i * Block, Block))
            {
                sum += Math.Abs((int)sample);
            }

            envelope[i] = sum / Block;
        }

        var mean = envelope.Length == 0 ? 0 : envelope.Average();
        return [.. envelope.Select(e => (short)Math.Clamp(e - mean, short.MinValue, short.MaxValue))];
    }
}
