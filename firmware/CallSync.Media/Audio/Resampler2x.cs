namespace CallSync.Media.Audio;

/// <summary>
/// Converts between the two rates the phone uses (8 and 16 kHz) with a 47-tap half-band FIR (Blackman window):
/// flat to about 3.5 kHz, more than 70 dB down from 4.6 kHz, so G.711's band passes and the 16 kHz microphone does
/// not alias into 8 kHz. Keeps its history between calls, so a stream split into periods is filtered as one.
/// Equal rates copy. Preallocated; not thread-safe.
/// </summary>
internal sealed class Resampler2x
{
    private const int Taps = 47;
    private const int MaxInput = 960; // one 20 ms period at 48 kHz
    private static readonly float[] Coefficients = Design();

    private readonly int _factor; // 1 copy, 2 up, -2 down
    private readonly float[] _work;
    private readonly float[] _history;

    private Resampler2x(int factor)
    {
        _factor = factor;
        _work = factor == 1 ? [] : new float[Taps - 1 + (2 * MaxInput)];
        _history = factor == 1 ? [] : new float[Taps - 1];
    }

    public int FromRate { get; private init; }

    public int ToRate { get; private init; }

    /// <summary>A converter from <paramref name="fromRate"/> to <paramref name="toRate"/> (8000 and 16000 in any pairing).</summary>
    public static Resampler2x Create(int fromRate, int toRate)
    {
        int factor = fromRate == toRate ? 1 : toRate == 2 * fromRate ? 2 : fromRate == 2 * toRate ? -2
            : throw new ArgumentOutOfRangeException(nameof(toRate), toRate, "only 2:1, 1:2 and 1:1 are supported");
        return new Resampler2x(factor) { FromRate = fromRate, ToRate = toRate };
    }

    /// <summary>Output length for <paramref name="inputLength"/> input samples.</summary>
    public int OutputLength(int inputLength) => _factor switch
    {
        2 => inputLength * 2,
        -2 => inputLength / 2,
        _ => inputLength,
    };

    /// <summary>Converts <paramref name="input"/> into the start of <paramref name="output"/>; returns the samples written.</summary>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.Length, MaxInput);
        int n = OutputLength(input.Length);
        if (_factor == 1)
        {
            input.CopyTo(output);
            return n;
        }

        // The filter runs at the high rate over history + new samples (zero-stuffed when going up).
        int highCount = _factor == 2 ? 2 * input.Length : input.Length;
        Span<float> work = _work.AsSpan(0, Taps - 1 + highCount);
        _history.CopyTo(work);
        Span<float> fresh = work[(Taps - 1)..];
        if (_factor == 2)
        {
            for (int i = 0; i < input.Length; i++)
            {
                fresh[2 * i] = input[i] * 2f; // gain 2 restores the level the zeros halve
                fresh[(2 * i) + 1] = 0f;
            }
        }
        else
        {
            for (int i = 0; i < input.Length; i++)
            {
                fresh[i] = input[i];
            }
        }

        int step = _factor == 2 ? 1 : 2;
        for (int j = 0; j < n; j++)
        {
            int end = (j * step) + Taps - 1; // newest sample of this output's window
            float acc = 0f;
            for (int k = 0; k < Taps; k++)
            {
                acc += Coefficients[k] * work[end - k];
            }

            output[j] = (short)Math.Clamp(MathF.Round(acc), short.MinValue, short.MaxValue);
        }

        work.Slice(highCount, Taps - 1).CopyTo(_history);
        return n;
    }

    private static float[] Design()
    {
        var h = new float[Taps];
        int centre = (Taps - 1) / 2;
        double sum = 0;
        for (int n = 0; n < Taps; n++)
        {
            int m = n - centre;
            double sinc = m == 0 ? 0.5 : Math.Sin(Math.PI * m / 2) / (Math.PI * m);
            double window = 0.42 - (0.5 * Math.Cos(2 * Math.PI * n / (Taps - 1))) + (0.08 * Math.Cos(4 * Math.PI * n / (Taps - 1)));
            h[n] = (float)(sinc * window);
            sum += h[n];
        }

        for (int n = 0; n < Taps; n++)
        {
            h[n] = (float)(h[n] / sum); // unity gain at DC
        }

        return h;
    }
}
