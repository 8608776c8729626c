using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Timing;

/// <summary>
/// The driver for any other <see cref="TimeProvider"/>: a periodic timer of that provider. With a fake clock the
/// ticks run on the thread that advances it, one per period advanced.
/// </summary>
internal sealed class TimerFrameClock : FrameClock
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;

    public TimerFrameClock(Action<FrameTick> onPeriod, TimeProvider time, FrameClockOptions options, ILogger logger)
        : base(onPeriod, options, logger)
    {
        _time = time;
        _start = time.GetTimestamp();
        _timer = time.CreateTimer(static s => ((TimerFrameClock)s!).Tick(), this, options.Period, options.Period);
    }

    private protected override void Stop()
    {
        _timer.Dispose();
        lock (_gate)
        {
            // A tick already running finishes before Stop returns (the lock is re-entrant for the handler's own thread).
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (!Stopping)
            {
                CatchUp(_time.GetElapsedTime(_start));
            }
        }
    }
}
