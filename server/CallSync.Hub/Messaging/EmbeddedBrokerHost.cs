using System.Net;
using CallSync.Hub.Configuration;
using EmbeddedBroker = CallSync.Mqtt.EmbeddedBroker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Messaging;

/// <summary>
/// Hosts the MQTT broker inside the hub (<c>Mqtt:Embedded = true</c>), so a local setup needs nothing installed: the
/// phones and the hub itself connect to it. For several hub instances use a real broker with shared subscriptions.
/// </summary>
internal sealed class EmbeddedBrokerHost(MqttOptions options, ILogger<EmbeddedBrokerHost> logger) : IHostedService, IAsyncDisposable
{
    private EmbeddedBroker? _broker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Embedded)
        {
            _broker = await EmbeddedBroker.StartAsync(logger, IPAddress.Parse(options.EmbeddedAddress), options.EmbeddedPort).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
            _broker = null;
        }
    }
}
