namespace CallSync.Hal.Simulated;

/// <summary>A continuous sine tone, phase-continuous across frames.</summary>
public sealed class ToneSource : IAudioSource
{
    private readonly double _step;
    private readonly double _amplitude;
    private double _phase;

    /// <summary>A tone of <paramref name="frequencyHz"/> at <paramref name="sampleRate"/>, peak
    /// <paramref name="amplitude"/> of full scale (0-1).</summary>
    public ToneSource(double frequencyHz, int sampleRate, double amplitude = 0.3)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequencyHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frequencyHz, sampleRate / 2.0);
        _step = 2 * Math.PI * frequencyHz / sampleRate;
        _amplitude = Math.Clamp(amplitude, 0, 1) * short.MaxValue;
    }

    /// <inheritdoc />
    public void Read(Span<short> frame)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)(Math.Sin(_phase) * _amplitude);
            _phase += _step;
        }

        // Keep the phase small so precision does not decay over a long call.
        _phase %= 2 * Math.PI;
    }
}
