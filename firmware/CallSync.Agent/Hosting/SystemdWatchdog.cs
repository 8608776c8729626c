using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Hosting;

/// <summary>
/// Pings systemd's watchdog (sd_notify WATCHDOG=1) at half the interval the unit's WatchdogSec= sets, as
/// sd_watchdog_enabled(3) recommends. Does nothing when not run by systemd with a watchdog.
/// </summary>
internal sealed class SystemdWatchdog(ISystemdNotifier notifier, TimeProvider time, ILogger<SystemdWatchdog> logger) : BackgroundService
{
    private static readonly ServiceState Ping = new("WATCHDOG=1");

    /// <summary>The ping interval systemd asks for, or null when there is no watchdog for this process.</summary>
    public static TimeSpan? Interval(Func<string, string?> environment, int processId)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!long.TryParse(environment("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
        {
            return null;
        }

        // WATCHDOG_PID, when set, names the process the watchdog is meant for (sd_watchdog_enabled(3)).
        var pid = environment("WATCHDOG_PID");
        if (pid is not null && pid != processId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(usec / 2.0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled || Interval(Environment.GetEnvironmentVariable, Environment.ProcessId) is not { } interval)
        {
            return;
        }

        Log.WatchdogEnabled(logger, interval);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            notifier.Notify(Ping);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
