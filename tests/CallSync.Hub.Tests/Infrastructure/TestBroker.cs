using System.Net;
using CallSync.Testing.Ports;
using MQTTnet.Server;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>
/// A plain MQTT 5 broker (MQTTnet.Server, anonymous, persistent sessions) on a free loopback port, standing in for an
/// external broker that outlives the hubs of a test (restart scenarios without external software). It has none of the
/// hub's identities or rules: those are tested against the embedded broker and mosquitto.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private TestBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TestBroker> StartAsync()
    {
        var port = FreePort.Tcp();
        var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(1_000_000)
            .Build());
        await server.StartAsync();
        return new TestBroker(server, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
    }
}
