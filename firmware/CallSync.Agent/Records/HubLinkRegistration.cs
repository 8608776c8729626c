using CallSync.Agent.Configuration;
using CallSync.Agent.Control;
using CallSync.Agent.Hosting;
using CallSync.Mqtt;
using CallSync.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using LinkOptions = CallSync.Mqtt.MqttLinkOptions;

namespace CallSync.Agent.Records;

/// <summary>The hub link's object graph (credentials, enrollment, MQTT link, outbox publisher, command processor), for the composition root.</summary>
internal static class HubLinkRegistration
{
    /// <summary>Registers the hub link; its hosted services (enrollment, then the link) start where this is called.</summary>
    public static void AddHubLink(this IServiceCollection services, AgentOptions options, DataDirectory dataDirectory)
    {
        var linkOptions = new LinkOptions
        {
            ClientCertificatePath = options.Mqtt?.ClientCertificate,
            ClientKeyPath = options.Mqtt?.ClientKey,
            CaCertificatePath = options.Mqtt?.CaCertificate,
            KeepAlive = options.Mqtt?.KeepAlive ?? TimeSpan.FromSeconds(30),
        };
        services.AddSingleton(sp => HubLinkCredentials.Load(options, dataDirectory, sp.GetRequiredService<ILogger<HubEnrollment>>()));
        services.AddSingleton(sp =>
        {
            var boot = BootCounter.Next(sp.GetRequiredService<RecordsDatabase>());
            RecordsLog.Boot(sp.GetRequiredService<ILogger<MqttService>>(), boot);
            return new MqttLink(linkOptions, sp.GetRequiredService<DeviceCredentials>(), sp.GetRequiredService<DeviceIdentity>(), boot,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MqttLink>>());
        });
        services.AddSingleton(sp => new OutboxPublisher(sp.GetRequiredService<RecordOutbox>(), sp.GetRequiredService<MqttLink>(),
            sp.GetRequiredService<OutboxOptions>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<OutboxPublisher>>()));
        services.AddSingleton(sp =>
        {
            var link = sp.GetRequiredService<MqttLink>();
            var outbox = sp.GetRequiredService<RecordOutbox>();
            var recordings = sp.GetRequiredService<RecordingOutbox>();
            var calls = sp.GetRequiredService<Calls.CallManager>();
            return new CommandProcessor(sp.GetRequiredService<DeviceIdentity>(), linkOptions, sp.GetRequiredService<DeviceCredentials>(),
                sp.GetRequiredService<CommandLedger>(), sp.GetRequiredService<RemoteDialer>(), new DurableReplyTransport(outbox, link),
                () => new CallSync.Contracts.DeviceStatus
                {
                    Activity = calls.Activity,
                    Boot = link.Boot,
                    PendingRecords = outbox.Count,
                    PendingRecordings = recordings.PendingCount,
                },
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CommandProcessor>>());
        });

        services.AddSingleton<HubEnrollment>();
        services.AddSingleton<IControlCommandHandler>(sp => sp.GetRequiredService<HubEnrollment>());
        services.AddHostedService(sp => sp.GetRequiredService<HubEnrollment>());
        services.AddSingleton<MqttService>();
        services.AddSingleton<IStatusSource>(sp => sp.GetRequiredService<MqttService>());
        services.AddHostedService(sp => sp.GetRequiredService<MqttService>());
    }
}
