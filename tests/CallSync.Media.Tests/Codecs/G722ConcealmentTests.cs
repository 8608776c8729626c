using CallSync.Media.Codecs;

namespace CallSync.Media.Tests.Codecs;

public sealed class G722ConcealmentTests
{
    private const int LostFrom = 20;

    [Theory]
    [InlineData(440.0, 320)]
    [InlineData(440.0, 160)]
    [InlineData(440.0, 480)]
    [InlineData(187.0, 320)]
    [InlineData(1000.0, 320)]
    public void Conceal_LostFrameOfTone_ContinuesItInPhaseWithoutAStep(double frequency, int frameSamples)
    {
        (short[] output, short[] reference) = DecodeWithLoss(G722Signals.Tone(frameSamples * 40, frequency, 8000), frameSamples, lostFrames: 1);

        int start = LostFrom * frameSamples;
        double followsTone = Snr(reference.AsSpan(start, 160), output.AsSpan(start, 160));
        Assert.True(followsTone > 25, $"first 10 ms of the concealment {followsTone:F1} dB from what was lost");
        int clean = G722Signals.LargestStep(reference, 10 * frameSamples, start);
        int acrossLoss = G722Signals.LargestStep(output, start - 10, start + (3 * frameSamples));
        Assert.True(acrossLoss <= clean * 1.25, $"largest step {acrossLoss} across the loss, {clean} in the clean signal");
    }

    [Fact]
    public void Conceal_LongLoss_HoldsTenMsThenFadesToSilenceAt60Ms()
    {
        // 10 ms frames: frame LostFrom is the 0-10 ms of the loss, LostFrom + 6 starts at 60 ms.
        (short[] output, short[] reference) = DecodeWithLoss(G722Signals.Tone(160 * 40, 440, 8000), 160, lostFrames: 8);

        double first = Rms(output.AsSpan(LostFrom * 160, 160));
        Assert.InRange(first / Rms(reference.AsSpan(LostFrom * 160, 160)), 0.9, 1.1);
        double previous = first;
        for (int f = LostFrom + 1; f < LostFrom + 6; f++)
        {
            double rms = Rms(output.AsSpan(f * 160, 160));
            Assert.True(rms < previous * 0.95, $"frame {f - LostFrom} of the loss: rms {rms:F0} after {previous:F0}");
            previous = rms;
        }

        Assert.All(output[((LostFrom + 6) * 160)..((LostFrom + 8) * 160)], s => Assert.Equal(0, s));
    }

    [Fact]
    public void Decode_AfterLossFadedToSilence_FadesInWithoutAStep()
    {
        (short[] output, short[] reference) = DecodeWithLoss(G722Signals.Tone(160 * 40, 440, 8000), 160, lostFrames: 8);

        int back = (LostFrom + 8) * 160;
        Assert.InRange(Math.Abs((int)output[back]), 0, 8000 / 40);
        int clean = G722Signals.LargestStep(reference, 10 * 160, LostFrom * 160);
        int recovery = G722Signals.LargestStep(output, back - 1, back + 320);
        Assert.True(recovery <= clean * 1.25, $"largest step {recovery} on the way back, {clean} in the clean signal");
        Assert.True(Rms(output.AsSpan(back + 160, 160)) > 0.9 * Rms(reference.AsSpan(back + 160, 160)));
    }

    [Fact]
    public void Conceal_BeforeAnyFrame_GivesSilence()
    {
        using var decoder = new G722Decoder();
        var pcm = new short[320];
        pcm.AsSpan().Fill(1234);

        Assert.Equal(320, decoder.Conceal(pcm));

        Assert.All(pcm, s => Assert.Equal(0, s));
    }

    [Fact]
    public void DecodeRedundant_NoInBandRedundancy_ConcealsLikeConceal()
    {
        using var encoder = new G722Encoder();
        byte[] coded = G722Signals.Encode(encoder, G722Signals.Tone(3200, 440, 8000), 320);
        using var a = new G722Decoder();
        using var b = new G722Decoder();
        var pcm = new short[3200];
        a.Decode(coded, pcm);
        b.Decode(coded, pcm);
        var concealed = new short[320];
        var recovered = new short[320];

        Assert.Equal(320, a.Conceal(concealed));
        Assert.Equal(320, b.DecodeRedundant(coded.AsSpan(0, 160), recovered));

        Assert.Equal(concealed, recovered);
        Assert.Contains(concealed, s => s != 0);
    }

    /// <summary>Decodes <paramref name="input"/>'s G.722 frame by frame, concealing <paramref name="lostFrames"/> from <see cref="LostFrom"/> on; also returns the lossless decoding.</summary>
    private static (short[] Output, short[] Reference) DecodeWithLoss(short[] input, int frameSamples, int lostFrames)
    {
        using var encoder = new G722Encoder();
        byte[] coded = G722Signals.Encode(encoder, input, frameSamples);
        using var lossless = new G722Decoder();
        short[] reference = G722Signals.Decode(lossless, coded, frameSamples / 2);

        using var decoder = new G722Decoder();
        var output = new short[input.Length];
        int frameBytes = frameSamples / 2;
        for (int f = 0; f * frameSamples < input.Length; f++)
        {
            Span<short> pcm = output.AsSpan(f * frameSamples, frameSamples);
            int produced = f >= LostFrom && f < LostFrom + lostFrames
                ? decoder.Conceal(pcm)
                : decoder.Decode(coded.AsSpan(f * frameBytes, frameBytes), pcm);
            Assert.Equal(frameSamples, produced);
        }

        return (output, reference);
    }

    private static double Snr(ReadOnlySpan<short> reference, ReadOnlySpan<short> actual)
    {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            signal += (double)reference[i] * reference[i];
            double e = actual[i] - reference[i];
            noise += e * e;
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-9));
    }

    private static double Rms(ReadOnlySpan<short> pcm)
    {
        double sum = 0;
        foreach (short s in pcm)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / pcm.Length);
    }
}
