using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hal.Timing;

/// <summary>
/// Calls a handler once per period (20 ms by default), in order, from one thread at a time. A loaded machine
/// delays periods but never drops or doubles one: periods owed after a stall are delivered late, back to back,
/// in order (up to <see cref="FrameClockOptions.MaxOwedPeriods"/>; a longer stall skips the excess, logged and
/// counted). Deadlines are absolute (start + n periods), so lateness never accumulates into drift.
/// </summary>
/// <remarks>
/// <see cref="Start"/> picks the driver from the <see cref="TimeProvider"/>: with <see cref="TimeProvider.System"/> a
/// dedicated thread sleeps to each deadline with <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c> (SCHED_FIFO
/// when permitted); with any other provider (a fake clock in tests) a timer of that provider drives it, so each
/// period the test advances delivers exactly one tick on the advancing thread.
/// </remarks>
public abstract class FrameClock : IDisposable
{
    private readonly Action<FrameTick> _onPeriod;
    private readonly long _periodTicks;
    private readonly int _maxOwed;
    private long _delivered;
    private long _skipped;
    private long _failures;
    private long _maxLatenessTicks;
    private volatile bool _stopping;

    private protected FrameClock(Action<FrameTick> onPeriod, FrameClockOptions options, ILogger logger)
    {
        _onPeriod = onPeriod;
        Period = options.Period;
        _periodTicks = options.Period.Ticks;
        _maxOwed = Math.Max(1, options.MaxOwedPeriods);
        Logger = logger;
    }

    /// <summary>The period.</summary>
    public TimeSpan Period { get; }

    /// <summary>Periods delivered so far.</summary>
    public long PeriodsDelivered => Interlocked.Read(ref _delivered) - Interlocked.Read(ref _skipped);

    /// <summary>Periods skipped after stalls longer than <see cref="FrameClockOptions.MaxOwedPeriods"/> (0 normally).</summary>
    public long PeriodsSkipped => Interlocked.Read(ref _skipped);

    /// <summary>The latest any period was delivered after its deadline.</summary>
    public TimeSpan MaxLateness => TimeSpan.FromTicks(Interlocked.Read(ref _maxLatenessTicks));

    /// <summary>True when the clock's thread runs under SCHED_FIFO.</summary>
    public bool RealTime { get; private protected set; }

    private protected ILogger Logger { get; }

    private protected bool Stopping => _stopping;

    /// <summary>Starts a clock calling <paramref name="onPeriod"/> every period until disposed.</summary>
    /// <param name="onPeriod">The handler; it runs on the clock's thread and should return well within a period.</param>
    /// <param name="time">The time source: the system clock gets a dedicated real-time thread, any other a timer.</param>
    /// <param name="options">Period, catch-up limit, priority; defaults when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    public static FrameClock Start(Action<FrameTick> onPeriod, TimeProvider time, FrameClockOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(onPeriod);
        ArgumentNullException.ThrowIfNull(time);
        options ??= new FrameClockOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Period, TimeSpan.Zero);
        logger ??= NullLogger.Instance;
        return ReferenceEquals(time, TimeProvider.System) && OperatingSystem.IsLinux()
            ? new ThreadFrameClock(onPeriod, options, logger)
            : new TimerFrameClock(onPeriod, time, options, logger);
    }

    /// <summary>Stops the clock; a period in progress finishes first (unless called from the handler itself).</summary>
    public void Dispose()
    {
        _stopping = true;
        Stop();
        GC.SuppressFinalize(this);
    }

    /// <summary>Driver-specific stop: wake and wait for the thread, or dispose the timer.</summary>
    private protected abstract void Stop();

    /// <summary>Delivers every period due at <paramref name="elapsed"/> since the start that was not delivered yet.</summary>
    private protected void CatchUp(TimeSpan elapsed)
    {
        long due = elapsed.Ticks / _periodTicks;
        long delivered = Interlocked.Read(ref _delivered);
        long owed = due - delivered;
        if (owed > _maxOwed)
        {
            long skip = owed - _maxOwed;
            Interlocked.Add(ref _skipped, skip);
            Interlocked.Add(ref _delivered, skip);
            delivered += skip;
            FrameClockLog.PeriodsSkipped(Logger, skip, TimeSpan.FromTicks(owed * _periodTicks));
        }

        while (delivered < due && !_stopping)
        {
            long lateness = elapsed.Ticks - ((delivered + 1) * _periodTicks);
            if (lateness > Interlocked.Read(ref _maxLatenessTicks))
            {
                Interlocked.Exchange(ref _maxLatenessTicks, lateness);
            }

            try
            {
                _onPeriod(new FrameTick(delivered, TimeSpan.FromTicks(lateness)));
            }
#pragma warning disable CA1031 // A failing handler must not stop the clock; it is logged (first, then every 500th).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                long failures = Interlocked.Increment(ref _failures);
                if (failures % 500 == 1)
                {
                    FrameClockLog.HandlerFailed(Logger, failures, ex);
                }
            }

            delivered++;
            Interlocked.Exchange(ref _delivered, delivered);
        }
    }
}
