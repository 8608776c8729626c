using Microsoft.Extensions.Logging;

namespace CallSync.Records.Tests.Publisher;

/// <summary>Writes warnings and errors to stderr (the test shows them on failure).</summary>
internal sealed class StderrLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.Error.WriteLine($"{logLevel} {eventId.Id} {typeof(T).Name}: {formatter(state, exception)}");
        }
    }
}
