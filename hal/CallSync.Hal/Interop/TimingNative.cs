using System.Runtime.InteropServices;

namespace CallSync.Hal.Interop;

/// <summary>
/// libc's monotonic clock, absolute-deadline sleep and scheduling policy, for the frame clock's thread. Raw imports
/// are private; the wrappers return results (a clock must keep running, so nothing here throws).
/// </summary>
internal static partial class TimingNative
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int SchedFifo = 1;
    private const int Eintr = 4;

    /// <summary>CLOCK_MONOTONIC now, in nanoseconds.</summary>
    public static long MonotonicNow()
    {
        clock_gettime(ClockMonotonic, out Timespec now);
        return now.ToNanoseconds();
    }

    /// <summary>Sleeps until CLOCK_MONOTONIC reaches <paramref name="deadlineNs"/> (retrying after signals).</summary>
    /// <returns>0, or the error number clock_nanosleep returned.</returns>
    public static int SleepUntil(long deadlineNs)
    {
        Timespec deadline = Timespec.FromNanoseconds(deadlineNs);
        int result;
        do
        {
            result = clock_nanosleep(ClockMonotonic, TimerAbsoluteTime, in deadline, 0);
        }
        while (result == Eintr);

        return result;
    }

    /// <summary>Puts the calling thread under SCHED_FIFO at <paramref name="priority"/>; returns 0 or errno.</summary>
    public static int TrySetRealTimePriority(int priority)
    {
        var param = new SchedParam { Priority = priority };
        return sched_setscheduler(0, SchedFifo, in param) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    [LibraryImport(Libraries.Libc, EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out Timespec time);

    [LibraryImport(Libraries.Libc, EntryPoint = "clock_nanosleep")]
    private static partial int clock_nanosleep(int clock, int flags, in Timespec request, nint remain);

    // pid 0 is the calling thread: on Linux the policy is per thread.
    [LibraryImport(Libraries.Libc, EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int sched_setscheduler(int pid, int policy, in SchedParam param);

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }
}
