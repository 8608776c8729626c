using Microsoft.Extensions.Logging;

namespace CallSync.Configuration.Logging;

/// <summary>The program's logger factory, with every logger it creates behind one shared <see cref="LogFloodGate"/>.</summary>
internal sealed class FloodLimitedLoggerFactory(ILoggerFactory inner, LogFloodGate gate) : ILoggerFactory
{
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new FloodLimitedLogger(inner.CreateLogger(categoryName), categoryName, gate);

    public void Dispose() => inner.Dispose();
}
