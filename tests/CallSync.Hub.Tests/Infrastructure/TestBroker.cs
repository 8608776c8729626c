using System.Net;
using CallSync.Mqtt;
using CallSync.Testing.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>
/// The product's embedded broker on a free loopback port, outliving the hubs of a test (restart scenarios without
/// external software).
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly EmbeddedBroker _broker;

    private TestBroker(EmbeddedBroker broker) => _broker = broker;

    public int Port => _broker.Port;

    public static async Task<TestBroker> StartAsync() =>
        new(await EmbeddedBroker.StartAsync(NullLogger.Instance, IPAddress.Loopback, FreePort.Tcp()));

    public ValueTask DisposeAsync() => _broker.DisposeAsync();
}
