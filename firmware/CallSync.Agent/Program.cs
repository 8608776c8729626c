using System.Reflection;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Hal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace CallSync.Agent;

internal static class Program
{
    /// <summary>Exit code for a configuration or start-up problem the operator must fix.</summary>
    private const int ExitConfiguration = 2;

    private static async Task<int> Main(string[] args)
    {
        if (args is ["--help" or "-h"])
        {
            await Console.Out.WriteLineAsync("usage: callsync-agent [--config FILE] [--Section:Key=value ...]\n" +
                $"  FILE defaults to {AgentConfigurationLoader.DefaultConfigPath}; every key can also be set as " +
                "CALLSYNC_Section__Key in the environment. See docs/configuration.md.").ConfigureAwait(false);
            return 0;
        }

        IHost host;
        try
        {
            host = Build(args);
        }
        catch (Exception ex) when (ex is ConfigurationError or StartupError)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitConfiguration;
        }

        try
        {
            await host.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (StartupError ex)
        {
            // A component refused to start (a port in use, a socket path taken): one line, exit 2.
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitConfiguration;
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>
    /// Reads and validates the configuration and builds the host; nothing is started yet. <paramref name="overrides"/>
    /// replaces registrations after the composition root's (tests: a fake clock).
    /// </summary>
    internal static IHost Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        var configuration = AgentConfigurationLoader.Load(args, out _);
        var options = AgentOptionsReader.Read(configuration, out var warnings);
        var dataDirectory = DataDirectory.Prepare(options.Device.DataDir);
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager() });
        builder.Configuration.AddConfiguration(configuration);
        // AddSystemd wires READY=1/STOPPING=1 only under systemd; the notifier itself is always there so the
        // watchdog can ask it whether systemd is listening.
        builder.Services.AddSystemd();
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });

        // The console logger writes on its own thread from a bounded queue; by default a full queue blocks the
        // thread that logs, which under a burst of calls is the SIP receive thread (answers late, retransmissions).
        // A phone drops log lines instead, and the logger says how many it dropped.
        builder.Services.Configure<ConsoleLoggerOptions>(o =>
        {
            o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
            o.MaxQueueLength = 10_000;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        AgentComposition.Register(builder.Services, options, dataDirectory, version);
        overrides?.Invoke(builder.Services);

        var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CallSync.Agent");
        Log.Starting(logger, version, options.Device.Id, options.Device.Number, options.Board.Kind.ToString().ToLowerInvariant(), dataDirectory.Path);
        foreach (var key in warnings)
        {
            Log.UnknownKey(logger, key);
        }

        // The board opens hardware (GPIO chip, ALSA devices): its refusal is a one-line start-up error, not a
        // hosted-service failure with a stack trace.
        try
        {
            _ = host.Services.GetRequiredService<IBoard>();
        }
        catch (StartupError)
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
