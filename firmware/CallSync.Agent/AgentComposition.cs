using CallSync.Agent.Configuration;
using CallSync.Agent.Control;
using CallSync.Agent.Hosting;
using CallSync.Hal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent;

/// <summary>
/// The composition root: the one place that knows every component and wires hardware, SIP, media, recording,
/// records, MQTT and the companion link together. Start order is registration order; stop order is the reverse,
/// so calls are hung up before recordings are finalised and records flushed.
/// </summary>
internal static class AgentComposition
{
    public static void Register(IServiceCollection services, AgentOptions options, DataDirectory dataDirectory, string version)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Control);
        services.AddSingleton(dataDirectory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IBoard>(sp => BoardFactory.Create(options.Board, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));

        services.AddSingleton<IStatusSource>(new DeviceStatus(options, version));
        services.AddSingleton<StatusReport>();
        services.AddSingleton<ControlDispatcher>();
        services.AddSingleton<IControlCommandHandler, BoardControlHandler>();

        services.AddSingleton<ControlServer>();
        services.AddSingleton<IStatusSource>(sp => sp.GetRequiredService<ControlServer>());
        services.AddHostedService(sp => sp.GetRequiredService<ControlServer>());
        services.AddHostedService<SystemdWatchdog>();
        if (options.Board.Kind == BoardKind.Simulated && options.Board.ControlInput)
        {
            services.AddHostedService<ConsoleControl>();
        }

        services.AddHostedService<ReadinessReporter>();
    }
}
