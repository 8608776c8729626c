using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Timing;

/// <summary>The frame clock's log messages (event ids 8300-8309).</summary>
internal static partial class FrameClockLog
{
    [LoggerMessage(8300, LogLevel.Warning, "Frame clock stalled for {Stall}: {Skipped} periods skipped")]
    public static partial void PeriodsSkipped(ILogger logger, long skipped, TimeSpan stall);

    [LoggerMessage(8301, LogLevel.Error, "Frame clock handler failed ({Failures} failures so far)")]
    public static partial void HandlerFailed(ILogger logger, long failures, Exception exception);

    [LoggerMessage(8302, LogLevel.Information, "Frame clock: SCHED_FIFO priority {Priority} refused (errno {Errno}); running at normal priority")]
    public static partial void NoRealTimePriority(ILogger logger, int priority, int errno);
}
