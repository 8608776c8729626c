using System.Collections.Concurrent;

namespace CallSync.Configuration.Logging;

/// <summary>
/// Decides which log lines are written when one kind of line repeats: per category and event id, the first
/// <see cref="Burst"/> lines of each <see cref="Interval"/> pass and the rest are counted, and the first line that
/// passes in a later interval carries the count of those held back. So a flood of one kind (bad datagrams, refused
/// sign-ins) writes a few lines a minute, and a different line, the next real error, is never among the ones held back.
/// </summary>
public sealed class LogFloodGate
{
    /// <summary>Kinds of line followed at most; past it the state starts again (at worst a few extra lines pass).</summary>
    public const int MaxKinds = 4096;

    private readonly ConcurrentDictionary<(string Category, int EventId), Window> _windows = new();
    private readonly TimeProvider _time;

    /// <summary>Creates a gate that lets <paramref name="burst"/> lines of a kind through per <paramref name="interval"/>.</summary>
    public LogFloodGate(TimeProvider time, int burst = 60, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _time = time;
        Burst = burst;
        Interval = interval ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero);
    }

    /// <summary>Lines of one kind written per interval.</summary>
    public int Burst { get; }

    /// <summary>The interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// True when a line of this kind may be written now; <paramref name="heldBack"/> is then the number of lines of
    /// the same kind held back since the last one written (to be reported with it), otherwise 0.
    /// </summary>
    public bool TryPass(string category, int eventId, out long heldBack)
    {
        ArgumentNullException.ThrowIfNull(category);
        if (_windows.Count >= MaxKinds)
        {
            _windows.Clear();
        }

        var window = _windows.GetOrAdd((category, eventId), static _ => new Window());
        var now = _time.GetTimestamp();
        lock (window)
        {
            heldBack = 0;
            if (window.Written == 0 || _time.GetElapsedTime(window.Start, now) >= Interval)
            {
                heldBack = window.HeldBack;
                window.Start = now;
                window.Written = 0;
                window.HeldBack = 0;
            }

            if (window.Written < Burst)
            {
                window.Written++;
                return true;
            }

            window.HeldBack++;
            return false;
        }
    }

    private sealed class Window
    {
        public long Start;
        public int Written;
        public long HeldBack;
    }
}
