using System.Reflection;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Configuration;
using CallSync.Configuration.Logging;
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
    private const int ExitConfiguration = ConfigCheck.ExitInvalid;

    private static async Task<int> Main(string[] args)
    {
        if (args is [NativeLibraryCheck.Switch])
        {
            return NativeLibraryCheck.Run(Console.Out, Console.Error);
        }

        if (!ConfigCommand.TryParse(args, out var command, out var usage))
        {
            await Console.Error.WriteLineAsync(usage).ConfigureAwait(false);
            return ExitConfiguration;
        }

        switch (command.Kind)
        {
            case ConfigCommandKind.Help:
                await Console.Out.WriteLineAsync(
                    "usage: callsync-agent [--config FILE] [--Section:Key=value ...]\n" +
                    "       callsync-agent --check-config FILE [--Section:Key=value ...]   validate, start nothing: exit 0, or 2 listing every problem\n" +
                    "       callsync-agent --print-config-reference                       every key, as the Markdown table in docs/configuration.md\n" +
                    "       callsync-agent --check-libraries                              load every native library the agent needs: exit 0, or 2 naming each that fails\n" +
                    $"  FILE defaults to {AgentConfigurationLoader.DefaultConfigPath}; every key can also be set as " +
                    "CALLSYNC_Section__Key in the environment. See docs/configuration.md.").ConfigureAwait(false);
                return 0;
            case ConfigCommandKind.PrintReference:
                await Console.Out.WriteAsync(ConfigReference.Write(AgentOptionsReader.Schema)).ConfigureAwait(false);
                return 0;
            case ConfigCommandKind.Check:
                return await CheckAsync(command).ConfigureAwait(false);
        }

        IHost host;
        try
        {
            NativeLibraryCheck.RequireInChild();
            host = Build(args);
        }
        catch (Exception ex) when (StartupFailure(ex) is { } line)
        {
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return ExitConfiguration;
        }

        try
        {
            await host.StartAsync().ConfigureAwait(false);
            var trim = host.Services.GetRequiredService<AgentOptions>().Device.TrimMemoryAfterStart
                ? StartupMemoryTrim.RunWhenSettledAsync(
                    host.Services,
                    host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CallSync.Agent"),
                    host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping)
                : Task.CompletedTask;
            await host.WaitForShutdownAsync().ConfigureAwait(false);
            await trim.ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (StartupFailure(ex) is { } line)
        {
            // A component refused to start (a port in use, a socket path taken, a library that does not load): one
            // line, exit 2.
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            return ExitConfiguration;
        }
        finally
        {
            // As RunAsync did: asynchronously, so a service that only has DisposeAsync is disposed too.
            if (host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }

    /// <summary>
    /// The one line an operator gets for a failure to start: a configuration or start-up error's message, or a native
    /// library the runtime could not load (one <see cref="NativeLibraryCheck"/> does not list); null for anything else.
    /// </summary>
    private static string? StartupFailure(Exception error) =>
        error is ConfigurationError or StartupError ? error.Message : NativeLibraryCheck.LoadFailureLine(error);

    // --check-config FILE: what the agent would read from FILE (with the same environment and overrides), every
    // problem and warning listed; nothing is opened, bound or created.
    private static async Task<int> CheckAsync(ConfigCommand command)
    {
        var path = Path.GetFullPath(command.File!);
        IConfigurationRoot configuration;
        try
        {
            configuration = AgentConfigurationLoader.Load(path, command.Switches);
        }
        catch (StartupError ex)
        {
            await Console.Out.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitConfiguration;
        }

        var options = AgentOptionsReader.TryRead(configuration, out var report);
        foreach (var advice in options is null ? [] : RtpKeys.Advice(options.Rtp, options.Sip))
        {
            await Console.Out.WriteLineAsync("warning: " + advice).ConfigureAwait(false);
        }

        return ConfigCheck.Write(Console.Out, path, report);
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
        // AddSystemd wires READY=1/STOPPING=1 only under systemd; the notifier itself is always there so the
        // watchdog can ask it whether systemd is listening.
        builder.Services.AddSystemd();
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
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

        // The validated levels only: the logging library's own reading of a "Logging" section throws at the first log
        // line on a level it does not know, after start-up (exit 134 instead of 2).
        LoggingKeys.Apply(builder.Logging, options.LogLevels);
        builder.Logging.AddFloodLimit(options.LogFloodLimit);
        AgentComposition.Register(builder.Services, options, dataDirectory, version);
        overrides?.Invoke(builder.Services);

        var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CallSync.Agent");
        Log.Starting(logger, version, options.Device.Id, options.Device.Number, options.Board.Kind.ToString().ToLowerInvariant(), dataDirectory.Path);
        foreach (var warning in warnings)
        {
            Log.UnknownKey(logger, warning.ShownKey, warning.Hint);
        }

        foreach (var advice in RtpKeys.Advice(options.Rtp, options.Sip))
        {
            Log.ConfigurationAdvice(logger, advice);
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
