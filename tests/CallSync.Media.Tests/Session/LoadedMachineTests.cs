using System.Net;
using CallSync.Hal.Timing;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;
using Xunit.Abstractions;

namespace CallSync.Media.Tests.Session;

/// <summary>
/// Two calls' media on their own frame clocks over loopback while busy threads keep both cores at 100 %: a delayed
/// period never turns into a hole longer than one concealed period, and every hole in what was played is a
/// concealed period the statistics count.
/// </summary>
[Trait("Category", "Interop")]
[Collection(TimingCollection.Name)]
public sealed class LoadedMachineTests(ITestOutputHelper output)
{
    private const int Rate = LoopbackSessions.Rate;
    private const int WarmUp = 100; // 2 s: first-call JIT and tier-up, which suspend the runtime, are not what is measured
    private const int Periods = WarmUp + 300; // then 6 s

    [Fact]
    public async Task Call_BothCoresBusy_NoHoleLongerThanOnePeriodAndEveryHoleCounted()
    {
        int basePort = LoopbackSessions.RandomBase();
        await using RtpMediaSession a = LoopbackSessions.Create(basePort);
        await using RtpMediaSession b = LoopbackSessions.Create(basePort);
        var pcmu = new MediaCodecChoice(AudioCodec.Pcmu, 0, null);
        a.Start(new IPEndPoint(IPAddress.Loopback, b.LocalPort), pcmu, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), pcmu, MediaDirection.SendReceive);

        int n = Rate / 50;
        var micA = new short[n];
        var outA = new short[n];
        var micB = new short[n];
        var played = new short[(Periods + 100) * n];
        long toneIndex = 0;
        long lastB = -1;
        long concealedBefore = -1;
        using var done = new ManualResetEventSlim();
        using var busy = new BusyCores(Environment.ProcessorCount);
        FrameClock clockA = FrameClock.Start(_ =>
        {
            Signal.Tone(micA, Rate, 1000, 8000, ref toneIndex);
            a.OnFrame(micA, outA);
        }, TimeProvider.System, new FrameClockOptions { Name = "call-a" });
        FrameClock clockB = FrameClock.Start(t =>
        {
            if (t.Index < Periods)
            {
                b.OnFrame(micB, played.AsSpan((int)t.Index * n, n));
                lastB = t.Index;
                if (t.Index == WarmUp - 1)
                {
                    concealedBefore = b.GetStatistics().ConcealedFrames;
                }
            }
            else
            {
                done.Set();
            }
        }, TimeProvider.System, new FrameClockOptions { Name = "call-b" });

        Assert.True(done.Wait(TimeSpan.FromSeconds(60)), "8 s of periods within a minute");
        Assert.True(clockA.RealTime && clockB.RealTime, "the frame clocks need SCHED_FIFO (root, or CAP_SYS_NICE): at normal priority a loaded machine delays a period by whole scheduler slices");
        clockB.Dispose();
        clockA.Dispose();
        MediaStatistics stats = b.GetStatistics();
        Assert.Equal(Periods - 1, lastB);
        Assert.Equal(0, clockB.PeriodsSkipped);

        // After the warm-up: every period must carry the tone, or be a counted concealed period.
        Assert.True(played.AsSpan((WarmUp - 1) * n, n).ContainsAnyExcept((short)0), "the tone plays by the end of the warm-up");
        long concealed = stats.ConcealedFrames - concealedBefore;
        List<int> holes = ToneMeter.HoledPeriods(played, Rate, 8000, WarmUp, Periods);
        Assert.True(ToneMeter.LongestRun(holes) <= 1, $"holes at periods {string.Join(",", holes)}");
        Assert.True(holes.Count == concealed, $"{holes.Count} holes found, {concealed} concealed periods counted; late {stats.LatePackets}, max lateness A {clockA.MaxLateness.TotalMilliseconds} ms, B {clockB.MaxLateness.TotalMilliseconds} ms");
        Assert.Equal(0, stats.PacketsLost);
        output.WriteLine(
            $"holes {holes.Count} (longest {ToneMeter.LongestRun(holes)}), concealed {concealed} ({stats.ConcealedFrames} with the warm-up), late {stats.LatePackets}, discarded {stats.DiscardedPackets}, "
            + $"max lateness A {clockA.MaxLateness.TotalMilliseconds:F2} ms, B {clockB.MaxLateness.TotalMilliseconds:F2} ms, real-time {clockA.RealTime}/{clockB.RealTime}");
    }

    /// <summary>Threads that spin until disposed, one per core.</summary>
    private sealed class BusyCores : IDisposable
    {
        private readonly Thread[] _threads;
        private volatile bool _stop;

        public BusyCores(int count)
        {
            _threads = Enumerable.Range(0, count).Select(i => new Thread(Spin) { IsBackground = true, Name = $"busy-{i}" }).ToArray();
            foreach (Thread t in _threads)
            {
                t.Start();
            }
        }

        public void Dispose()
        {
            _stop = true;
            foreach (Thread t in _threads)
            {
                t.Join();
            }
        }

        private void Spin()
        {
            double x = 1;
            while (!_stop)
            {
                for (int i = 0; i < 10_000; i++)
                {
                    x = Math.Sqrt(x + i);
                }
            }

            GC.KeepAlive(x);
        }
    }
}
