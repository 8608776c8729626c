namespace CallSync.Testing.Audio;

/// <summary>Test signals as 16-bit samples: steady tones, silence, and a deterministic speech-like signal.</summary>
public static class Signals
{
    /// <summary>A sine of <paramref name="frequency"/> Hz.</summary>
    public static short[] Tone(double frequency, int sampleRate, TimeSpan duration, double amplitude = 8000, long startSample = 0)
    {
        var samples = new short[Samples(sampleRate, duration)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * (startSample + i) / sampleRate));
        }

        return samples;
    }

    public static short[] Silence(int sampleRate, TimeSpan duration) => new short[Samples(sampleRate, duration)];

    /// <summary>
    /// Something with the structure of speech, reproducible from <paramref name="seed"/>: a glottal pulse train at a
    /// gliding pitch (90-220 Hz) through three formant resonators that move per syllable (about 4 a second), an
    /// amplitude envelope per syllable, and pauses between words. Not intelligible, but broadband, non-stationary and
    /// with silences, which is what a codec, jitter buffer or waveform correlation cares about.
    /// </summary>
    public static short[] SpeechLike(int sampleRate, TimeSpan duration, int seed = 1, double peak = 12000)
    {
        var random = new Random(seed);
        var output = new double[Samples(sampleRate, duration)];
        var formants = new Resonator[3];
        var position = 0;
        while (position < output.Length)
        {
            // A word: 2-5 syllables of 120-300 ms, then a 100-400 ms pause.
            var syllables = random.Next(2, 6);
            for (var s = 0; s < syllables && position < output.Length; s++)
            {
                var length = (int)(sampleRate * (0.12 + (0.18 * random.NextDouble())));
                var pitch = 90 + (130 * random.NextDouble());
                var glide = (random.NextDouble() - 0.5) * 40;
                formants[0] = new Resonator(300 + (500 * random.NextDouble()), 80, sampleRate);
                formants[1] = new Resonator(900 + (1300 * random.NextDouble()), 100, sampleRate);
                formants[2] = new Resonator(2300 + (900 * random.NextDouble()), 150, sampleRate);
                var phase = 0.0;
                for (var i = 0; i < length && position < output.Length; i++, position++)
                {
                    var progress = (double)i / length;
                    phase += (pitch + (glide * progress)) / sampleRate;
                    var excitation = phase >= 1 ? 1.0 : 0.0;
                    phase -= Math.Floor(phase);
                    excitation += 0.02 * ((random.NextDouble() * 2) - 1); // breath noise
                    var voiced = formants[0].Next(excitation) + (0.6 * formants[1].Next(excitation)) + (0.3 * formants[2].Next(excitation));
                    output[position] = voiced * Math.Sin(Math.PI * progress); // syllable envelope
                }
            }

            position += (int)(sampleRate * (0.1 + (0.3 * random.NextDouble())));
        }

        var max = output.Max(Math.Abs);
        var scale = max > 0 ? peak / max : 0;
        return [.. output.Select(v => (short)Math.Round(v * scale))];
    }

    /// <summary>The number of samples in <paramref name="duration"/> at <paramref name="sampleRate"/>.</summary>
    public static int Samples(int sampleRate, TimeSpan duration) => (int)Math.Round(duration.TotalSeconds * sampleRate);

    /// <summary>A two-pole resonator: one formant.</summary>
    private struct Resonator(double frequency, double bandwidth, int sampleRate)
    {
        private readonly double _a1 = 2 * Math.Exp(-Math.PI * bandwidth / sampleRate) * Math.Cos(2 * Math.PI * frequency / sampleRate);
        private readonly double _a2 = -Math.Exp(-2 * Math.PI * bandwidth / sampleRate);
        private double _y1;
        private double _y2;

        public double Next(double x)
        {
            var y = x + (_a1 * _y1) + (_a2 * _y2);
            _y2 = _y1;
            _y1 = y;
            return y;
        }
    }
}
