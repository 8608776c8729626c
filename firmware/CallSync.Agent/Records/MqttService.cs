using CallSync.Agent.Hosting;
using CallSync.Agent.Storage;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Records;
using Microsoft.Extensions.Hosting;

namespace CallSync.Agent.Records;

/// <summary>
/// The hub link, built in the composition root (<see cref="HubLinkRegistration"/>): the MQTT session, the outbox
/// publisher that moves committed records to the broker, and the processor of signed remote commands. Without broker
/// credentials (not enrolled, nothing configured) the link waits and records stay in the outbox.
/// </summary>
internal sealed class MqttService(
    MqttLink link,
    OutboxPublisher publisher,
    CommandProcessor commands,
    RecordOutbox outbox,
    RecordsNotifier notifier,
    StorageMonitor storage) : IHostedService, IStatusSource
{
    private static readonly IReadOnlyList<string> DiskFull = [DeviceState.DiskFullWarning];

    public string Name => "mqtt";

    public string Describe()
    {
        if (link.BrokerUrl is not { } url)
        {
            return $"not enrolled (callsync enroll URL CODE); {outbox.Count} record(s) wait in the outbox";
        }

        var state = link.IsConnected ? "connected" : "connecting";
        return $"{state} to {url}, boot {link.Boot}, {outbox.Count} record(s) in the outbox";
    }

    // Healthy when connected, or when no broker is configured yet (not enrolled: records wait in the outbox).
    public string? Problem() => link.BrokerUrl is { } url && !link.IsConnected ? $"not connected to {url}" : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.RecordQueued += publisher.Wake;
        link.CommandReceived = commands.HandleAsync;
        link.Connected += publisher.Wake;
        link.Warnings = () => storage.IsFull ? DiskFull : [];
        storage.Changed += OnStorageChanged;
        link.Start();
        publisher.Start();
        await commands.RecoverAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        storage.Changed -= OnStorageChanged;
        await commands.DisposeAsync().ConfigureAwait(false);
        notifier.RecordQueued -= publisher.Wake;
        await publisher.DisposeAsync().ConfigureAwait(false);

        // A clean stop publishes the retained "offline" state before disconnecting.
        await link.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    // The hub sees the warning come and go with the retained state; offline, the next connect publishes it anyway.
    private void OnStorageChanged(object? sender, EventArgs e) => _ = link.RepublishStateAsync(CancellationToken.None);
}
