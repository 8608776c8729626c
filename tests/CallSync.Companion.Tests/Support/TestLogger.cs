using Microsoft.Extensions.Logging;

namespace CallSync.Companion.Tests.Support;

public sealed record LogEntry(LogLevel Level, int EventId, string Message);

/// <summary>Captures log entries and lets a test await one that matches.</summary>
public sealed class TestLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Done)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LogEntry(logLevel, eventId.Id, formatter(state, exception));
        lock (_gate)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToList())
            {
                waiter.Done.TrySetResult(entry);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The first entry (already logged or future) matching; fails after <paramref name="timeout"/>.</summary>
    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _entries.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    public Task<LogEntry> WaitForEventAsync(int eventId, string contains) =>
        WaitForAsync(e => e.EventId == eventId && e.Message.Contains(contains, StringComparison.Ordinal));
}
