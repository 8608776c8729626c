namespace CallSync.Media.Audio;

/// <summary>A sine burst of fixed length mixed into audio period by period (the recording notice beep).</summary>
internal sealed class ToneGenerator
{
    private readonly double _step;
    private readonly double _amplitude;
    private double _phase;
    private int _remaining;

    public ToneGenerator(double frequency, int sampleRate, double amplitude, TimeSpan duration)
    {
        _step = 2 * Math.PI * frequency / sampleRate;
        _amplitude = amplitude;
        _remaining = (int)(duration.TotalSeconds * sampleRate);
    }

    public bool Active => _remaining > 0;

    /// <summary>Writes the next <paramref name="destination"/>.Length samples of the tone (zeros once it ended).</summary>
    public void Next(Span<short> destination)
    {
        int n = Math.Min(_remaining, destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = i < n ? (short)(_amplitude * Math.Sin(_phase)) : (short)0;
            _phase += _step;
        }

        _phase %= 2 * Math.PI;
        _remaining -= n;
    }

    /// <summary>Adds <paramref name="tone"/> to <paramref name="target"/> with saturation.</summary>
    public static void Mix(Span<short> target, ReadOnlySpan<short> tone)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = (short)Math.Clamp(target[i] + tone[i], short.MinValue, short.MaxValue);
        }
    }
}
