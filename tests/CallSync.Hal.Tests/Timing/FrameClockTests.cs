using System.Collections.Concurrent;
using CallSync.Hal.Timing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hal.Tests.Timing;

public sealed class FrameClockTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Start_FakeTime_OneTickPerPeriodAdvancedOnTheAdvancingThread()
    {
        var time = new FakeTimeProvider();
        var ticks = new List<(FrameTick Tick, int Thread)>();
        using FrameClock clock = FrameClock.Start(t => ticks.Add((t, Environment.CurrentManagedThreadId)), time);

        time.Advance(TimeSpan.FromMilliseconds(19));
        Assert.Empty(ticks);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([(new FrameTick(0, TimeSpan.Zero), Environment.CurrentManagedThreadId)], ticks);
        for (int i = 0; i < 10; i++)
        {
            time.Advance(Period);
        }

        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), ticks.Select(t => t.Tick.Index));
        Assert.All(ticks, t => Assert.Equal(TimeSpan.Zero, t.Tick.Lateness));
        Assert.Equal(11, clock.PeriodsDelivered);
    }

    [Fact]
    public void Start_ClockJumps_OwedPeriodsDeliveredLateInOrderNoneSkipped()
    {
        var time = new FakeTimeProvider();
        var ticks = new List<FrameTick>();
        using FrameClock clock = FrameClock.Start(ticks.Add, time);

        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal([0L, 1, 2, 3, 4], ticks.Select(t => t.Index));
        Assert.Equal([80.0, 60, 40, 20, 0], ticks.Select(t => t.Lateness.TotalMilliseconds));
        Assert.Equal(0, clock.PeriodsSkipped);
        Assert.Equal(TimeSpan.FromMilliseconds(80), clock.MaxLateness);
    }

    [Fact]
    public void Start_StallBeyondMaxOwed_SkipsOnlyTheExcessCountsAndLogsIt()
    {
        var time = new FakeTimeProvider();
        var ticks = new List<FrameTick>();
        var log = new ListLogger<FrameClock>();
        using FrameClock clock = FrameClock.Start(ticks.Add, time, new FrameClockOptions { MaxOwedPeriods = 5 }, log);

        time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal([5L, 6, 7, 8, 9], ticks.Select(t => t.Index));
        Assert.Equal(5, clock.PeriodsSkipped);
        Assert.Equal(5, clock.PeriodsDelivered);
        Assert.Contains(log.Entries, e => e.Id == 8300 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public void Dispose_FromInsideTheHandler_StopsWithoutWaitingForItself()
    {
        var time = new FakeTimeProvider();
        int calls = 0;
        FrameClock? clock = null;
        clock = FrameClock.Start(_ =>
        {
            calls++;
            clock!.Dispose();
        }, time);

        time.Advance(TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Start_HandlerThrows_ClockKeepsTickingAndLogs()
    {
        var time = new FakeTimeProvider();
        var log = new ListLogger<FrameClock>();
        int calls = 0;
        using FrameClock clock = FrameClock.Start(_ =>
        {
            calls++;
            throw new InvalidOperationException("boom");
        }, time, logger: log);

        time.Advance(TimeSpan.FromMilliseconds(60));

        Assert.Equal(3, calls);
        Assert.Single(log.Entries, e => e.Id == 8301);
    }

    [Fact]
    public void Start_SystemClock_DedicatedThreadDeliversEveryPeriodOnceInOrder()
    {
        var ticks = new ConcurrentQueue<(FrameTick Tick, int Thread)>();
        using var enough = new ManualResetEventSlim();
        FrameClock clock = FrameClock.Start(
            t =>
            {
                ticks.Enqueue((t, Environment.CurrentManagedThreadId));
                if (t.Index == 24)
                {
                    enough.Set();
                }
            },
            TimeProvider.System,
            new FrameClockOptions { Name = "test-clock" });

        Assert.True(enough.Wait(TimeSpan.FromSeconds(30)), "25 periods within 30 s");
        clock.Dispose();
        int count = ticks.Count;
        Thread.Sleep(60);

        Assert.Equal(count, ticks.Count); // nothing after Dispose returned
        long[] indices = ticks.Select(t => t.Tick.Index).ToArray();
        Assert.Equal(Enumerable.Range(0, indices.Length).Select(i => (long)i), indices);
        Assert.Single(ticks.Select(t => t.Thread).Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, ticks.First().Thread);
        Assert.Equal(indices.Length, clock.PeriodsDelivered + clock.PeriodsSkipped);
    }

    [Fact]
    public void Start_SystemClockWithoutRealTimePriority_RunsAtNormalPriority()
    {
        using var ticked = new ManualResetEventSlim();
        using FrameClock clock = FrameClock.Start(_ => ticked.Set(), TimeProvider.System, new FrameClockOptions { RealTimePriority = 0 });

        Assert.True(ticked.Wait(TimeSpan.FromSeconds(10)));
        Assert.False(clock.RealTime);
    }
}
