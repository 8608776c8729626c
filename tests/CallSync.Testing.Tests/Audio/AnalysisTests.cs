using CallSync.Testing.Audio;
using CallSync.Testing.Rtp;

namespace CallSync.Testing.Tests.Audio;

/// <summary>The recording analysis on audio made here, where the answer is known.</summary>
public sealed class AnalysisTests
{
    private const int Rate = 48000;

    [Fact]
    public void ToneTrack_ToneWithA100MsHoleDelayedBy300Ms_AlignsAndFindsTheHole()
    {
        var audio = Concat(
            Signals.Silence(Rate, TimeSpan.FromMilliseconds(300)),
            Signals.Tone(1000, Rate, TimeSpan.FromSeconds(1)),
            Signals.Silence(Rate, TimeSpan.FromMilliseconds(100)),
            Signals.Tone(1000, Rate, TimeSpan.FromSeconds(1), startSample: Rate * 11 / 10));
        ToneSpan[] sent = [new(TimeSpan.Zero, TimeSpan.FromMilliseconds(2100), 1000)];

        var track = ToneTrack.Detect(audio, Rate, 1000);
        var offset = track.Align(sent, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(300), offset);
        Assert.Equal([(TimeSpan.FromMilliseconds(1300), TimeSpan.FromMilliseconds(100))], track.Holes(offset, offset + sent[0].End));
        Assert.InRange(track.ShareOf(sent, offset), 0.94, 0.96); // 100 ms of 2100 missing
    }

    [Fact]
    public void ToneTrack_OtherFrequencyOrNoise_NotTakenForTheTone()
    {
        var random = new Random(7);
        var noise = Enumerable.Range(0, Rate).Select(_ => (short)random.Next(-8000, 8000)).ToArray();
        var other = Signals.Tone(1200, Rate, TimeSpan.FromSeconds(1));

        Assert.Equal(0, ToneTrack.Detect(noise, Rate, 1000).ShareBetween(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Equal(0, ToneTrack.Detect(other, Rate, 1000).ShareBetween(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, ToneTrack.Detect(Signals.Tone(1000, Rate, TimeSpan.FromSeconds(1), amplitude: 2000), Rate, 1000).ShareBetween(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void ShareBetween_SpanPastTheEndOfTheAudio_MissingTimeCountsAsAbsent()
    {
        var track = ToneTrack.Detect(Signals.Tone(1000, Rate, TimeSpan.FromSeconds(1)), Rate, 1000);

        Assert.Equal(0.5, track.ShareBetween(TimeSpan.Zero, TimeSpan.FromSeconds(2)), precision: 2);
        Assert.Equal(0, track.ShareBetween(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public void DominantFrequency_SixKilohertzTone_FoundWithin10Hz()
    {
        var tone = Signals.Tone(6000, 16000, TimeSpan.FromMilliseconds(200));

        Assert.InRange(Spectrum.DominantFrequency(tone, 16000), 5990, 6010);
    }

    [Fact]
    public void Correlation_SpeechAndItsDelayedCopy_NearOneAtTheDelay()
    {
        var speech = Signals.SpeechLike(8000, TimeSpan.FromSeconds(3));
        var delayed = Concat(new short[240], speech);

        var (coefficient, lag) = Correlation.Best(speech, delayed, 800);

        Assert.Equal(240, lag);
        Assert.True(coefficient > 0.999, coefficient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Correlation.At(speech, Signals.SpeechLike(8000, TimeSpan.FromSeconds(3), seed: 2)) < 0.3);
    }

    [Fact]
    public void Decimate_FortyEightToEightKilohertz_KeepsTheTone()
    {
        var tone = Signals.Tone(1000, Rate, TimeSpan.FromSeconds(1));

        var decimated = Correlation.Decimate(tone, 6);

        Assert.Equal(8000, decimated.Length);
        Assert.Equal(1, ToneTrack.Detect(decimated, 8000, 1000).ShareBetween(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    private static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];
}
