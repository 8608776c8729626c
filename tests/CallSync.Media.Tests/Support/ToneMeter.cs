namespace CallSync.Media.Tests.Support;

/// <summary>Where a tone is in received audio: per-window presence at its frequency, holes per playout period.</summary>
internal static class ToneMeter
{
    /// <summary>
    /// Milliseconds of <paramref name="samples"/> (10 ms windows) that carry the tone: at least half its amplitude at
    /// <paramref name="hz"/>, and at least 13 dB above the power at 0.7 and 1.4 times that frequency.
    /// </summary>
    public static double PresentMs(IReadOnlyList<short> samples, int rate, double hz, double amplitude)
    {
        int window = rate / 100;
        short[] all = [.. samples];
        double threshold = Math.Pow(amplitude / 2, 2) / 4;
        int present = 0;
        for (int start = 0; start + window <= all.Length; start += window)
        {
            ReadOnlySpan<short> w = all.AsSpan(start, window);
            double at = Signal.Goertzel(w, rate, hz);
            double below = Signal.Goertzel(w, rate, hz * 0.7);
            double above = Signal.Goertzel(w, rate, hz * 1.4);
            if (at >= threshold && at >= 20 * below && at >= 20 * above)
            {
                present++;
            }
        }

        return present * 10.0;
    }

    /// <summary>
    /// 20 ms periods in [<paramref name="fromPeriod"/>, <paramref name="toPeriod"/>) where any 5 ms stretch falls
    /// below 60 % of the tone's RMS: a hole (concealment fades, silence) in a steady tone.
    /// </summary>
    public static List<int> HoledPeriods(IReadOnlyList<short> samples, int rate, double amplitude, int fromPeriod, int toPeriod)
    {
        int period = rate / 50;
        int quarter = period / 4;
        double floor = 0.6 * amplitude / Math.Sqrt(2);
        var holes = new List<int>();
        for (int p = fromPeriod; p < toPeriod && (p + 1) * period <= samples.Count; p++)
        {
            for (int q = 0; q < 4; q++)
            {
                double sum = 0;
                for (int i = 0; i < quarter; i++)
                {
                    double s = samples[(p * period) + (q * quarter) + i];
                    sum += s * s;
                }

                if (Math.Sqrt(sum / quarter) < floor)
                {
                    holes.Add(p);
                    break;
                }
            }
        }

        return holes;
    }

    /// <summary>The longest run of consecutive periods in <paramref name="holes"/>.</summary>
    public static int LongestRun(IReadOnlyList<int> holes)
    {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < holes.Count; i++)
        {
            run = i > 0 && holes[i] == holes[i - 1] + 1 ? run + 1 : 1;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
