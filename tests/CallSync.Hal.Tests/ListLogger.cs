using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Tests;

/// <summary>A logger that keeps every entry (event id, level, message) for the test to inspect.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentBag<(int Id, LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((eventId.Id, logLevel, formatter(state, exception)));
}
