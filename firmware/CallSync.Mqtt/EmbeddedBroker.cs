using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;

namespace CallSync.Mqtt;

/// <summary>
/// An in-process MQTT 5 broker (MQTTnet.Server) for local runs (<c>make run</c>) and small sites: persistent sessions
/// and retained messages in memory only. Production and the interop tests use Mosquitto. The hub hosts the same
/// broker (<c>Mqtt:Embedded</c>).
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    /// <summary>
    /// Messages queued for one subscriber before the broker drops any. MQTTnet's default (250, dropping the oldest)
    /// silently lost records when ten phones published faster than the hub's SQLite ingest committed them: the
    /// publisher already had its PUBACK, so nobody retries. A record is ~1.5 KB, so a full queue is ~1.5 GB: past
    /// anything a site produces while its hub is running (the broker lives in the hub's process).
    /// </summary>
    public const int MaxQueuedPerClient = 1_000_000;

    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port, IPAddress address)
    {
        _server = server;
        Port = port;
        Address = address;
    }

    /// <summary>The listening port.</summary>
    public int Port { get; }

    /// <summary>The bound address.</summary>
    public IPAddress Address { get; }

    /// <summary>The <see cref="MqttOptions.Url"/> clients use.</summary>
    public string Url => "mqtt://" + Address + ":" + Port;

    /// <summary>Starts a broker on <paramref name="address"/>:<paramref name="port"/> (default 127.0.0.1:1883).</summary>
    public static async Task<EmbeddedBroker> StartAsync(ILogger logger, IPAddress? address = null, int port = 1883)
    {
        ArgumentNullException.ThrowIfNull(logger);
        address ??= IPAddress.Loopback;
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(MaxQueuedPerClient)
            .Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(options);
        server.QueuedApplicationMessageOverwrittenAsync += e =>
        {
            // Only reached past MaxQueuedPerClient: say so loudly, the message is gone from this broker.
            Log.BrokerQueueOverflow(logger, e.ReceiverClientId, MaxQueuedPerClient);
            return Task.CompletedTask;
        };
        await server.StartAsync().ConfigureAwait(false);
        Log.BrokerStarted(logger, address, port);
        return new EmbeddedBroker(server, port, address);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        _server.Dispose();
    }
}
