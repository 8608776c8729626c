namespace CallSync.Hal.Timing;

/// <summary>How a <see cref="FrameClock"/> paces its periods.</summary>
public sealed class FrameClockOptions
{
    /// <summary>The period. Default 20 ms, the frame of every audio device here.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Periods owed after a stall that are still delivered (late, in order, back to back). A longer stall (a
    /// suspended machine, a debugger) skips the excess, logs it and counts it in
    /// <see cref="FrameClock.PeriodsSkipped"/>. Default 50 (1 s at 20 ms).
    /// </summary>
    public int MaxOwedPeriods { get; set; } = 50;

    /// <summary>
    /// Linux SCHED_FIFO priority (1-99) for the clock's thread, so a busy machine delays a period by
    /// microseconds rather than a scheduler slice; 0 keeps the normal policy. Needs CAP_SYS_NICE (root, or
    /// <c>LimitRTPRIO=</c>/<c>AmbientCapabilities=CAP_SYS_NICE</c> in the systemd unit); without it the clock logs
    /// once and runs at normal priority. Default 10. Only the system clock's thread uses it.
    /// </summary>
    public int RealTimePriority { get; set; } = 10;

    /// <summary>Thread name (shown by <c>top -H</c>). Default "callsync-clock".</summary>
    public string Name { get; set; } = "callsync-clock";
}
