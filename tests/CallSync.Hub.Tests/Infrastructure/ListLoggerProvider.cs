using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>Collects every log line of a hosted hub (event id, level, text) for assertions.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public int Count(int eventId) => Entries.Count(e => e.EventId == eventId);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
            }
        }
    }
}
