using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CallSync.Records.Tests.Support;

/// <summary>Captures log entries (event id, level, message) for assertions.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }

    public int Count(int eventId) => Entries.Count(e => e.EventId == eventId);
}
