using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallSync.Configuration.Logging;

/// <summary>
/// Puts every log line of a program behind one <see cref="LogFloodGate"/>, so nothing an outsider can trigger (bad
/// datagrams, refused frames, refused MQTT clients, failed sign-ins) can fill a disk or hide the next real error.
/// </summary>
public static class LogFloodLimit
{
    /// <summary>
    /// Replaces the logger factory with one whose loggers pass a gate of <paramref name="linesPerMinute"/> lines per
    /// kind (the program's <see cref="TimeProvider"/> when registered); 0 leaves logging as it is.
    /// </summary>
    public static ILoggingBuilder AddFloodLimit(this ILoggingBuilder logging, int linesPerMinute = 60)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (linesPerMinute == 0)
        {
            return logging;
        }

        logging.Services.TryAddSingleton(sp => new LogFloodGate(sp.GetService<TimeProvider>() ?? TimeProvider.System, linesPerMinute));
        logging.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new FloodLimitedLoggerFactory(
            new LoggerFactory(
                sp.GetServices<ILoggerProvider>(),
                sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
                sp.GetService<IOptions<LoggerFactoryOptions>>(),
                sp.GetService<IExternalScopeProvider>()),
            sp.GetRequiredService<LogFloodGate>())));
        return logging;
    }
}
