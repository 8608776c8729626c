using CallSync.Testing.Rtp;

namespace CallSync.Testing.Audio;

/// <summary>
/// Where a tone is present in audio, window by window (20 ms by default): a window holds the tone when its
/// component at the frequency reaches <see cref="MinimumAmplitude"/> and stands at least 12 dB above the components
/// half an octave below and above it (so noise, a different tone or a burst of concealment does not count).
/// </summary>
public sealed class ToneTrack
{
    /// <summary>The default window: one audio period of the product.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(20);

    private ToneTrack(double frequency, TimeSpan window, bool[] present)
    {
        Frequency = frequency;
        Window = window;
        Present = present;
    }

    /// <summary>The RMS amplitude a window's tone component needs (a test tone of amplitude 8000 has about 5600).</summary>
    public static double MinimumAmplitude { get; } = 700;

    public double Frequency { get; }

    public TimeSpan Window { get; }

    /// <summary>Tone present, per window from the start of the audio.</summary>
    public IReadOnlyList<bool> Present { get; }

    public TimeSpan Duration => Window * Present.Count;

    /// <summary>Finds the tone window by window.</summary>
    public static ToneTrack Detect(ReadOnlySpan<short> samples, int sampleRate, double frequency, TimeSpan? window = null)
    {
        var size = (int)Math.Round((window ?? DefaultWindow).TotalSeconds * sampleRate);
        var present = new bool[samples.Length / size];
        for (var i = 0; i < present.Length; i++)
        {
            var block = samples.Slice(i * size, size);
            var at = Goertzel.Amplitude(block, frequency, sampleRate);
            var neighbours = Math.Max(Goertzel.Amplitude(block, frequency / Math.Sqrt(2), sampleRate), Goertzel.Amplitude(block, frequency * Math.Sqrt(2), sampleRate));
            present[i] = at >= MinimumAmplitude && at >= 4 * neighbours;
        }

        return new ToneTrack(frequency, window ?? DefaultWindow, present);
    }

    /// <summary>The share (0-1) of the windows lying wholly inside [start, end) that hold the tone (windows past the end of the audio do not).</summary>
    public double ShareBetween(TimeSpan start, TimeSpan end)
    {
        var (first, last) = Windows(start, end);
        first = Math.Max(first, 0);

        // Time past the end of the audio counts as without the tone: a recording cut short lost it.
        return last <= first ? 0 : (double)Enumerable.Range(first, last - first).Count(i => i < Present.Count && Present[i]) / (last - first);
    }

    /// <summary>
    /// The share of the tone a stream sent that is in this track, with the stream's time shifted by
    /// <paramref name="offset"/> (where the stream's start falls in this audio).
    /// </summary>
    public double ShareOf(IEnumerable<ToneSpan> sent, TimeSpan offset)
    {
        int inside = 0, found = 0;
        foreach (var span in sent.Where(s => s.Frequency == Frequency))
        {
            var (first, last) = Windows(span.Start + offset, span.End + offset);
            for (var i = Math.Max(first, 0); i < last; i++)
            {
                inside++;
                found += i < Present.Count && Present[i] ? 1 : 0;
            }
        }

        return inside == 0 ? 0 : (double)found / inside;
    }

    /// <summary>
    /// The offset (0 to <paramref name="maxOffset"/>, window steps) at which the sent tone best matches this track:
    /// a stream's start and a recording's start differ by the call setup and buffering.
    /// </summary>
    public TimeSpan Align(IReadOnlyList<ToneSpan> sent, TimeSpan maxOffset)
    {
        var best = TimeSpan.Zero;
        var bestShare = -1.0;
        for (var offset = TimeSpan.Zero; offset <= maxOffset; offset += Window)
        {
            var share = ShareOf(sent, offset) - AbsentShare(sent, offset);
            if (share > bestShare)
            {
                (best, bestShare) = (offset, share);
            }
        }

        return best;
    }

    /// <summary>Runs of windows without the tone inside [start, end): where the tone has holes.</summary>
    public IReadOnlyList<(TimeSpan Start, TimeSpan Length)> Holes(TimeSpan start, TimeSpan end)
    {
        var (first, last) = Windows(start, end);
        var holes = new List<(TimeSpan, TimeSpan)>();
        for (var i = Math.Max(first, 0); i < Math.Min(last, Present.Count); i++)
        {
            if (Present[i])
            {
                continue;
            }

            var run = i;
            while (run < Math.Min(last, Present.Count) && !Present[run])
            {
                run++;
            }

            holes.Add((Window * i, Window * (run - i)));
            i = run;
        }

        return holes;
    }

    /// <summary>The share of windows outside the sent tone (within the track) that do hold it: penalises an alignment that overlaps silences.</summary>
    private double AbsentShare(IReadOnlyList<ToneSpan> sent, TimeSpan offset)
    {
        var inTone = new bool[Present.Count];
        foreach (var span in sent)
        {
            var (first, last) = Windows(span.Start + offset, span.End + offset);
            for (var i = Math.Max(first, 0); i < Math.Min(last, inTone.Length); i++)
            {
                inTone[i] = true;
            }
        }

        int outside = 0, stray = 0;
        for (var i = 0; i < inTone.Length; i++)
        {
            if (!inTone[i])
            {
                outside++;
                stray += Present[i] ? 1 : 0;
            }
        }

        return outside == 0 ? 0 : (double)stray / outside;
    }

    /// <summary>The windows wholly inside [start, end): first index, and one past the last.</summary>
    private (int First, int Last) Windows(TimeSpan start, TimeSpan end) =>
        ((int)Math.Ceiling(start / Window), (int)Math.Floor(end / Window));
}
