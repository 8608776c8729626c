using Microsoft.Extensions.Logging;

namespace CallSync.Configuration.Logging;

/// <summary>A logger whose lines pass a <see cref="LogFloodGate"/> first; Debug and Trace, asked for on purpose, always pass.</summary>
internal sealed class FloodLimitedLogger(ILogger inner, string category, LogFloodGate gate) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        if (logLevel >= LogLevel.Information)
        {
            if (!gate.TryPass(category, eventId.Id, out var heldBack))
            {
                return;
            }

            if (heldBack > 0)
            {
                var summary = $"{heldBack} more lines like the next one (event {eventId.Id}{(eventId.Name is null ? "" : " " + eventId.Name)}) were not written in the last {gate.Interval.TotalSeconds:0} s or more";
                inner.Log(logLevel, eventId, summary, null, static (s, _) => s);
            }
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
