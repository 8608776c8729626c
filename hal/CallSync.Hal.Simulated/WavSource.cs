namespace CallSync.Hal.Simulated;

/// <summary>Plays a 16-bit mono PCM WAV file in a loop.</summary>
public sealed class WavSource : IAudioSource
{
    private readonly short[] _samples;
    private int _position;

    private WavSource(short[] samples) => _samples = samples;

    /// <summary>Loads <paramref name="path"/>; its sample rate must be <paramref name="sampleRate"/>.</summary>
    /// <exception cref="InvalidDataException">Not a 16-bit mono PCM WAV at that rate, or empty.</exception>
    public static WavSource Open(string path, int sampleRate)
    {
        var wav = WavFile.Read(path);
        if (wav.SampleRate != sampleRate)
        {
            throw new InvalidDataException($"{path}: {wav.SampleRate} Hz, expected {sampleRate} Hz");
        }

        if (wav.Samples.Length == 0)
        {
            throw new InvalidDataException($"{path}: no samples");
        }

        return new WavSource(wav.Samples);
    }

    /// <inheritdoc />
    public void Read(Span<short> frame)
    {
        var filled = 0;
        while (filled < frame.Length)
        {
            var take = Math.Min(frame.Length - filled, _samples.Length - _position);
            _samples.AsSpan(_position, take).CopyTo(frame[filled..]);
            filled += take;
            _position = (_position + take) % _samples.Length;
        }
    }
}
