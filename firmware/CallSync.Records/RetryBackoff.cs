namespace CallSync.Records;

/// <summary>
/// Exponential back-off with "equal jitter": attempt n waits d/2 + U(0, d/2) with d = min(max, initial * 2^n),
/// so retries spread out (no thundering herd after a broker restart) but never wait less than half the step.
/// </summary>
public sealed class RetryBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;

    /// <summary>Creates a back-off; pass a seeded <paramref name="random"/> for repeatable tests.</summary>
    public RetryBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>The un-jittered step for <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        double ticks = _initial.Ticks * Math.Pow(2, Math.Min(attempt, 40));
        return ticks >= _max.Ticks ? _max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay before retry <paramref name="attempt"/> (0-based), in [ceiling/2, ceiling], whole milliseconds.</summary>
    public TimeSpan Next(int attempt)
    {
        TimeSpan ceiling = Ceiling(attempt);
        long half = ceiling.Ticks / 2;
        long ticks = half + (long)(_random.NextDouble() * (ceiling.Ticks - half));

        // Whole milliseconds: timers have millisecond resolution anyway.
        return TimeSpan.FromTicks(Math.Max(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.TicksPerMillisecond));
    }
}
