using System.Collections.Concurrent;

namespace CallSync.Hub;

/// <summary>
/// Rate-limits log lines caused by outside input (refused sign-ins, refused broker clients, rejected messages): at most
/// one line per key per <see cref="Interval"/>, reporting how many were suppressed since. Bounded: past
/// <see cref="MaxKeys"/> keys the oldest state is dropped, which at worst lets an extra line through.
/// </summary>
internal sealed class LogThrottle(TimeProvider timeProvider)
{
    public const int MaxKeys = 10_000;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>True when a line for <paramref name="key"/> may be written now; <paramref name="suppressed"/> counts the ones held back before it.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = timeProvider.GetTimestamp();
        if (_entries.Count >= MaxKeys)
        {
            _entries.Clear();
        }

        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (entry.LastLogged != 0 && timeProvider.GetElapsedTime(entry.LastLogged, now) < Interval)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.LastLogged = now;
            return true;
        }
    }

    private sealed class Entry
    {
        public long LastLogged;
        public long Suppressed;
    }
}
