using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Receive;

/// <summary>What one foreign stream did to a session: what was played and recorded, and the statistics.</summary>
internal sealed record ReceiveRun(ToneStream Stream, MediaStatistics Statistics, short[] Played, int DeviceRate, short[] Recorded, int RecordingRate)
{
    public const double Hz = 1000;

    public double PlayedToneMs => ToneMeter.PresentMs(Played, DeviceRate, Stream.Frequency, Stream.Amplitude);

    public double RecordedToneMs => ToneMeter.PresentMs(Recorded, RecordingRate, Stream.Frequency, Stream.Amplitude);

    public static async Task<ReceiveRun> RunAsync(ToneStream stream, MediaCodecChoice choice, int deviceRate = 16000, Action<RtpMediaSessionOptions>? configure = null)
    {
        await using ReceiveHarness h = ReceiveHarness.Start(choice, deviceRate, configure);
        h.Run(stream.Build(), (int)(stream.TotalMs / 20));
        MediaStatistics stats = h.Session.GetStatistics();
        Assert.Equal((int)(stream.TotalMs / 20), h.Sink.Frames);
        return new ReceiveRun(stream, stats, [.. h.Played], deviceRate, [.. h.Sink.Remote], h.Sink.SampleRate);
    }

    /// <summary>At least 95 % of the tone's time was played and recorded, at its frequency.</summary>
    public void AssertToneThrough()
    {
        double sent = Stream.ToneMs;
        Assert.True(PlayedToneMs >= 0.95 * sent, $"tone played {PlayedToneMs} ms of {sent} ms sent; {Describe()}");
        Assert.True(RecordedToneMs >= 0.95 * sent, $"tone recorded {RecordedToneMs} ms of {sent} ms sent; {Describe()}");
    }

    /// <summary>Nothing lost, late, discarded or concealed.</summary>
    public void AssertClean()
    {
        MediaStatistics s = Statistics;
        Assert.True(
            s.PacketsLost == 0 && s.LostAudio == TimeSpan.Zero && s.LatePackets == 0 && s.DiscardedPackets == 0 && s.ConcealedFrames == 0 && s.EffectiveLossPercent == 0,
            Describe());
    }

    public string Describe()
    {
        MediaStatistics s = Statistics;
        return $"lost {s.PacketsLost} ({s.LostAudio.TotalMilliseconds} ms), late {s.LatePackets}, dup {s.DuplicatePackets}, discarded {s.DiscardedPackets}, "
            + $"concealed {s.ConcealedFrames} periods ({s.ConcealedAudio.TotalMilliseconds} ms), resyncs {s.Resynchronisations}, "
            + $"received {s.ReceivedAudio.TotalMilliseconds} ms, delay {s.PlayoutDelayMs} ms, MOS {s.Mos:F2}";
    }
}
