using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet.Server;

namespace CallSync.Mqtt;

/// <summary>
/// An in-process MQTT 5 broker (MQTTnet.Server) for local runs (<c>make run</c>) and demos: persistent sessions
/// and retained messages in memory only. Production and the interop tests use Mosquitto.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly ILogger<EmbeddedBroker> _logger;

    private EmbeddedBroker(MqttServer server, int port, IPAddress address, ILogger<EmbeddedBroker> logger)
    {
        _server = server;
        Port = port;
        Address = address;
        _logger = logger;
    }

    /// <summary>The listening port.</summary>
    public int Port { get; }

    /// <summary>The bound address.</summary>
    public IPAddress Address { get; }

    /// <summary>The <see cref="MqttOptions.Url"/> clients use.</summary>
    public string Url => "mqtt://" + Address + ":" + Port;

    /// <summary>Starts a broker on <paramref name="address"/>:<paramref name="port"/> (default 127.0.0.1:1883).</summary>
    public static async Task<EmbeddedBroker> StartAsync(ILogger<EmbeddedBroker> logger, IPAddress? address = null, int port = 1883)
    {
        ArgumentNullException.ThrowIfNull(logger);
        address ??= IPAddress.Loopback;
        MqttServerOptions options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions(true)
            .Build();
        MqttServer server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync().ConfigureAwait(false);
        Log.BrokerStarted(logger, address, port);
        return new EmbeddedBroker(server, port, address, logger);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        _server.Dispose();
        _ = _logger;
    }
}
