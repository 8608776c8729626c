using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Receive;

/// <summary>Real loss, duplicates, reordering and late packets are each counted as what they are, in packets and in time.</summary>
[Trait("Category", "Interop")]
public sealed class ReceiveAccountingTests
{
    private static readonly MediaCodecChoice Pcmu = new(AudioCodec.Pcmu, 0, null);

    [Theory]
    [InlineData(20.0, 3)]
    [InlineData(60.0, 1)]
    [InlineData(10.0, 5)]
    public async Task Receive_ConsecutivePacketsLost_LossCountedInPacketsAndTimeAndConcealed(double packetMs, int dropped)
    {
        int first = (int)(1000 / packetMs);
        var stream = new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, PacketMs = packetMs, Drop = Enumerable.Range(first, dropped).ToHashSet() };
        ReceiveRun run = await ReceiveRun.RunAsync(stream, Pcmu);
        MediaStatistics s = run.Statistics;

        double lostMs = dropped * packetMs;
        Assert.Equal(dropped, s.PacketsLost);
        Assert.Equal(lostMs, s.LostAudio.TotalMilliseconds, 0.001);
        Assert.Equal(lostMs, s.ConcealedAudio.TotalMilliseconds, 0.001);
        Assert.Equal(0, s.LatePackets);
        Assert.Equal(100.0 * lostMs / (s.ReceivedAudio + s.LostAudio).TotalMilliseconds, s.EffectiveLossPercent, 0.001);
        List<int> holes = ToneMeter.HoledPeriods(run.Played, run.DeviceRate, run.Stream.Amplitude, 10, 95);
        Assert.Equal(s.ConcealedFrames, holes.Count);
        Assert.InRange(s.ConcealedFrames, (int)Math.Ceiling(lostMs / 20), (int)Math.Ceiling(lostMs / 20) + 1);
    }

    [Fact]
    public async Task Receive_Duplicates_CountedOnceNoLossNoGap()
    {
        var stream = new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, Duplicate = new HashSet<int> { 40, 41, 42, 43, 44 } };
        ReceiveRun run = await ReceiveRun.RunAsync(stream, Pcmu);

        Assert.Equal(5, run.Statistics.DuplicatePackets);
        run.AssertClean();
        run.AssertToneThrough();
    }

    [Fact]
    public async Task Receive_ReorderedWithinThePlayoutDelay_PlayedInOrderNothingLostOrLate()
    {
        // Packet 30 arrives a period after packet 31; a 100 ms buffer waits for it.
        var stream = new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, DelayMs = new Dictionary<int, double> { [30] = 20.5, [60] = 20.5 } };
        ReceiveRun run = await ReceiveRun.RunAsync(stream, Pcmu, configure: o => o.JitterBufferMinimum = TimeSpan.FromMilliseconds(100));

        run.AssertClean();
        run.AssertToneThrough();
        Assert.Empty(ToneMeter.HoledPeriods(run.Played, run.DeviceRate, run.Stream.Amplitude, 10, 95));
    }

    [Fact]
    public async Task Receive_PacketArrivesAfterItsPlayout_CountedLateInTimeNotLost()
    {
        var stream = new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, DelayMs = new Dictionary<int, double> { [50] = 300 } };
        ReceiveRun run = await ReceiveRun.RunAsync(stream, Pcmu);
        MediaStatistics s = run.Statistics;

        Assert.Equal(1, s.LatePackets);
        Assert.Equal(20, s.LateAudio.TotalMilliseconds, 0.001);
        Assert.Equal(0, s.PacketsLost); // it did arrive: RTCP must not report it lost
        Assert.Equal(1, s.ConcealedFrames);
        Assert.Equal(100.0 * 20 / s.ReceivedAudio.TotalMilliseconds, s.EffectiveLossPercent, 0.001);
    }
}
