namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>
/// A real mosquitto 2.0 broker on 127.0.0.1 and a free port. Queues are unbounded so a stopped hub's persistent
/// session keeps every QoS 1 record routed to it until it comes back.
/// </summary>
public sealed class MosquittoFixture : IDisposable
{
    private readonly string _dir;
    private readonly ExternalProcess _broker;

    public MosquittoFixture()
    {
        _dir = Path.Combine(Path.GetTempPath(), "callsync-hub-mqtt-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        Port = FreePort.Next();
        var config = Path.Combine(_dir, "mosquitto.conf");
        File.WriteAllText(config, $"""
            listener {Port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 0
            max_inflight_messages 0
            log_dest stdout
            log_type error
            log_type warning
            """);
        _broker = ExternalProcess.Start("mosquitto", ["-c", config]);
        _broker.WaitForPort(Port, TimeSpan.FromSeconds(15));
    }

    public int Port { get; }

    public void Dispose()
    {
        _broker.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
