using CallSync.Testing.Peers.Mosquitto;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>
/// A real mosquitto 2.0 broker on 127.0.0.1 and a free port. Queues are unbounded so a stopped hub's persistent
/// session keeps every QoS 1 record routed to it until it comes back.
/// </summary>
public sealed class MosquittoFixture : IDisposable
{
    private readonly MosquittoBroker _broker = MosquittoBroker.StartNewAsync(new MosquittoOptions
    {
        Persistence = false,
        MaxQueuedMessages = 0,
        MaxInflightMessages = 0,
    }).GetAwaiter().GetResult();

    public int Port => _broker.Port;

    public void Dispose() => _broker.Dispose();
}
