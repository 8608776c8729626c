using CallSync.Hal.Interop;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Timing;

/// <summary>
/// The system-clock driver: a dedicated thread sleeping to absolute CLOCK_MONOTONIC deadlines. Measured on the
/// 2-core VM with both cores busy (docs/benchmarks.md): thread-pool timers delivered 20 ms periods up to tens of
/// milliseconds late in bursts; this thread, under SCHED_FIFO, within a fraction of a millisecond.
/// </summary>
internal sealed class ThreadFrameClock : FrameClock
{
    private readonly Thread _thread;
    private readonly long _periodNs;
    private readonly int _priority;
    private readonly long _startNs;

    public ThreadFrameClock(Action<FrameTick> onPeriod, FrameClockOptions options, ILogger logger)
        : base(onPeriod, options, logger)
    {
        _periodNs = options.Period.Ticks * 100;
        _priority = options.RealTimePriority;
        _thread = new Thread(static s => ((ThreadFrameClock)s!).Run()) { IsBackground = true, Name = options.Name };
        _startNs = TimingNative.MonotonicNow();
        _thread.Start(this);
    }

    private protected override void Stop()
    {
        // The thread wakes at its next deadline (at most one period away) and sees the flag.
        if (Thread.CurrentThread != _thread && _thread.IsAlive)
        {
            _thread.Join();
        }
    }

    private void Run()
    {
        if (_priority > 0)
        {
            int error = TimingNative.TrySetRealTimePriority(Math.Clamp(_priority, 1, 99));
            RealTime = error == 0;
            if (!RealTime)
            {
                FrameClockLog.NoRealTimePriority(Logger, _priority, error);
            }
        }

        long next = _startNs + _periodNs;
        while (!Stopping)
        {
            int error = TimingNative.SleepUntil(next);
            if (error != 0)
            {
                // Not expected for CLOCK_MONOTONIC; fall back to a relative sleep so the clock keeps going.
                Thread.Sleep(1);
            }

            long now = TimingNative.MonotonicNow();
            CatchUp(TimeSpan.FromTicks((now - _startNs) / 100));
            long elapsedPeriods = (now - _startNs) / _periodNs;
            next = _startNs + ((elapsedPeriods + 1) * _periodNs);
        }
    }
}
