using System.Net;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Media.Tests.Session;

/// <summary>
/// <see cref="RtpMediaSession.AnchorTimeline"/>: the recording starts at the answer even when the clock that drives the
/// session starts later, and the audio that queued up meanwhile is recorded in its place instead of becoming delay.
/// </summary>
[Trait("Category", "Interop")]
public sealed class TimelineAnchorTests
{
    private const int Rate = 8000;
    private const int Period = 160;
    private static readonly MediaCodecChoice Pcmu = new(AudioCodec.Pcmu, 0, null);
    private readonly FakeTimeProvider _time = new();

    private RtpMediaSession Create() =>
        new(LoopbackSessions.Options(LoopbackSessions.RandomBase()), Rate, _time, NullLogger<RtpMediaSession>.Instance);

    [Fact]
    public async Task OnFrame_ClockStarts200MsAfterTheAnchor_OwedPeriodsRecordedFirstWithTheQueuedAudioInPlace()
    {
        await using RtpMediaSession a = Create();
        await using RtpMediaSession b = Create();
        a.Start(new IPEndPoint(IPAddress.Loopback, b.LocalPort), Pcmu, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), Pcmu, MediaDirection.SendReceive);
        var sink = new CapturingSink(Rate);
        b.AttachRecordingSink(sink);
        b.AnchorTimeline(TimeSpan.Zero); // answered now; b's clock starts 200 ms later
        var mic = new short[Period];
        var silence = new short[Period];
        var played = new short[Period];
        long index = 0;

        // 200 ms: the peer (a) sends ten 20 ms packets of tone while b's clock has not run yet.
        for (int i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            Signal.Tone(mic, Rate, 1000, 8000, ref index);
            a.OnFrame(mic, played);
            int expected = i + 1;

            // b's receive thread takes each packet in before time moves on, so its arrival time (and jitter 0) is exact.
            Assert.True(SpinWait.SpinUntil(() => b.GetStatistics().PacketsReceived == expected, TimeSpan.FromSeconds(5)), "the packet did not reach b");
        }

        _time.Advance(TimeSpan.FromMilliseconds(20));
        b.OnFrame(silence, played);

        // Ten periods owed (the 200 ms before this one) plus this one. The target delay (20 ms) and a period stay queued,
        // so eight of the ten queued packets are recorded in the owed periods, after two periods of the silence before them.
        Assert.Equal(11, sink.Frames);
        Assert.All(sink.Local, s => Assert.Equal(0, s));
        Assert.All(sink.Remote.Take(2 * Period), s => Assert.Equal(0, s));
        Assert.True(ToneMeter.PresentMs(sink.Remote.Skip(2 * Period).Take(8 * Period).ToList(), Rate, 1000, 8000) >= 150, "the queued tone is not in the owed periods");

        // Both run on for 2 s, past the receiver's one-second window for shedding excess delay: the tone goes on with no
        // hole, nothing discarded (the queued audio did not become delay to shed), nothing concealed.
        for (int i = 0; i < 100; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            Signal.Tone(mic, Rate, 1000, 8000, ref index);
            a.OnFrame(mic, played);
            b.OnFrame(silence, played);
        }

        MediaStatistics stats = b.GetStatistics();
        Assert.Equal(111, sink.Frames);
        Assert.Equal(TimeSpan.Zero, stats.DiscardedAudio);
        Assert.Equal(0, stats.ConcealedFrames);
        Assert.Empty(ToneMeter.HoledPeriods(sink.Remote, Rate, 8000, 3, 110));
    }

    [Fact]
    public async Task OnFrame_NoAnchor_FirstPeriodRecordsOneFrame()
    {
        await using RtpMediaSession b = Create();
        b.Start(new IPEndPoint(IPAddress.Loopback, 9), Pcmu, MediaDirection.SendReceive);
        var sink = new CapturingSink(Rate);
        b.AttachRecordingSink(sink);
        _time.Advance(TimeSpan.FromMilliseconds(500));

        b.OnFrame(new short[Period], new short[Period]);

        Assert.Equal(1, sink.Frames);
    }
}
