using System.Text;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Tests.Support;

/// <summary>A logger provider that keeps every line it is given (level and text), as a log file would.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>What the lines would take in a UTF-8 log file, with their exceptions.</summary>
    public long Bytes
    {
        get
        {
            lock (_lines)
            {
                return _lines.Sum(l => (long)Encoding.UTF8.GetByteCount(l.Message) + 1);
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Capturing(this);

    public void Dispose()
    {
    }

    private sealed class Capturing(LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception);
            lock (owner._lines)
            {
                owner._lines.Add((logLevel, text));
            }
        }
    }
}
