using CallSync.Media.Codecs;

namespace CallSync.Media.Tests.Codecs;

/// <summary>Deterministic 16 kHz test signals and frame-by-frame G.722 coding helpers.</summary>
internal static class G722Signals
{
    /// <summary>
    /// A speech-like mix (two harmonic series with a slow vibrato, bursts of noise from a fixed LCG, and
    /// pauses), identical on every machine and runtime: nothing from System.Random.
    /// </summary>
    public static short[] SpeechLike(int samples)
    {
        var pcm = new short[samples];
        uint state = 0x1234_5678;
        double phase = 0;
        for (int i = 0; i < samples; i++)
        {
            double t = i / (double)G722.SampleRate;
            double f0 = 140 + (30 * Math.Sin(2 * Math.PI * 3 * t));
            phase += 2 * Math.PI * f0 / G722.SampleRate;
            double voiced = (Math.Sin(phase) + (0.5 * Math.Sin(2 * phase)) + (0.3 * Math.Sin(7 * phase))) * 5000;
            state = (state * 1_664_525) + 1_013_904_223;
            double noise = ((int)(state >> 16) - 32768) / 32768.0 * 3000;
            int segment = i / 1600 % 4; // 100 ms segments: voiced, voiced + noise, noise, pause
            double value = segment switch
            {
                0 => voiced,
                1 => voiced + noise,
                2 => noise,
                _ => 0,
            };
            pcm[i] = (short)Math.Clamp(value, short.MinValue, short.MaxValue);
        }

        return pcm;
    }

    public static short[] Tone(int samples, double frequency, double amplitude)
    {
        var pcm = new short[samples];
        long index = 0;
        Support.Signal.Tone(pcm, G722.SampleRate, frequency, amplitude, ref index);
        return pcm;
    }

    /// <summary>Encodes <paramref name="pcm"/> in frames of <paramref name="frameSamples"/> (the last may be shorter).</summary>
    public static byte[] Encode(G722Encoder encoder, short[] pcm, int frameSamples)
    {
        var output = new byte[G722.PayloadLength(pcm.Length)];
        int written = 0;
        for (int offset = 0; offset < pcm.Length; offset += frameSamples)
        {
            int n = Math.Min(frameSamples, pcm.Length - offset);
            written += encoder.Encode(pcm.AsSpan(offset, n), output.AsSpan(written));
        }

        Assert.Equal(output.Length, written);
        return output;
    }

    /// <summary>Decodes <paramref name="payload"/> in packets of <paramref name="frameBytes"/> (the last may be shorter).</summary>
    public static short[] Decode(G722Decoder decoder, byte[] payload, int frameBytes)
    {
        var output = new short[payload.Length * 2];
        int written = 0;
        for (int offset = 0; offset < payload.Length; offset += frameBytes)
        {
            int n = Math.Min(frameBytes, payload.Length - offset);
            written += decoder.Decode(payload.AsSpan(offset, n), output.AsSpan(written));
        }

        Assert.Equal(output.Length, written);
        return output;
    }

    /// <summary>
    /// The lag, up to 64 samples, at which <paramref name="output"/> best matches <paramref name="input"/> over
    /// the second half (past the start-up). Only meaningful for a signal that is not periodic.
    /// </summary>
    public static int Delay(short[] input, short[] output)
    {
        int best = 0;
        double bestNoise = double.MaxValue;
        for (int delay = 0; delay <= 64; delay++)
        {
            double noise = NoiseEnergy(input, output, delay);
            if (noise < bestNoise)
            {
                bestNoise = noise;
                best = delay;
            }
        }

        return best;
    }

    /// <summary>Signal-to-noise ratio in dB of <paramref name="output"/> delayed by <paramref name="delay"/>, over the second half.</summary>
    public static double SnrDb(short[] input, short[] output, int delay)
    {
        double signal = 0;
        for (int i = input.Length / 2; i < input.Length - 64; i++)
        {
            signal += (double)input[i] * input[i];
        }

        return 10 * Math.Log10(signal / Math.Max(NoiseEnergy(input, output, delay), 1e-9));
    }

    /// <summary>The largest absolute difference between neighbouring samples in [from, to).</summary>
    public static int LargestStep(ReadOnlySpan<short> pcm, int from, int to)
    {
        int largest = 0;
        for (int i = Math.Max(from, 1); i < to; i++)
        {
            largest = Math.Max(largest, Math.Abs(pcm[i] - pcm[i - 1]));
        }

        return largest;
    }

    private static double NoiseEnergy(short[] input, short[] output, int delay)
    {
        double noise = 0;
        for (int i = input.Length / 2; i < input.Length - 64; i++)
        {
            double e = output[i + delay] - input[i];
            noise += e * e;
        }

        return noise;
    }
}
