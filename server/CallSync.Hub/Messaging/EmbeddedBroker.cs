using System.Net;
using CallSync.Hub.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;

namespace CallSync.Hub.Messaging;

/// <summary>
/// An MQTT broker inside the hub (<c>Mqtt:Embedded = true</c>), so a local setup needs nothing installed: the phones
/// and the hub itself connect to it. For several hub instances use a real broker with shared subscriptions.
/// </summary>
internal sealed class EmbeddedBroker(MqttOptions options, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Embedded)
        {
            return;
        }

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(options.EmbeddedAddress))
            .WithDefaultEndpointPort(options.EmbeddedPort)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        await _server.StartAsync().ConfigureAwait(false);
        Log.EmbeddedBrokerStarted(logger, options.EmbeddedAddress, options.EmbeddedPort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _server?.Dispose();
}
