namespace CallSync.Hal.Timing;

/// <summary>One period of a <see cref="FrameClock"/>.</summary>
/// <param name="Index">Period number since the clock started: 0, 1, 2... with no gap unless periods were skipped
/// after a stall longer than <see cref="FrameClockOptions.MaxOwedPeriods"/> (counted in <see cref="FrameClock.PeriodsSkipped"/>).</param>
/// <param name="Lateness">How long after its deadline (start + (Index + 1) periods) the period is delivered.</param>
public readonly record struct FrameTick(long Index, TimeSpan Lateness);
