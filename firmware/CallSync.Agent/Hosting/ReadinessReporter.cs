using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Hosting;

/// <summary>
/// Registered last, so its start runs after every other component has bound its sockets: logs the one
/// "Ready." line that says what the agent listens on and what it is connected to.
/// </summary>
internal sealed class ReadinessReporter(StatusReport status, ILogger<ReadinessReporter> logger, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => Log.Ready(logger, status.OneLine()));
        lifetime.ApplicationStopping.Register(() => Log.Stopping(logger, "shutdown requested (SIGTERM/Ctrl-C or control)"));
        lifetime.ApplicationStopped.Register(() => Log.Stopped(logger));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
