namespace CallSync.Testing.Peers.Mosquitto;

/// <summary>How a test's mosquitto broker is configured.</summary>
public sealed record MosquittoOptions
{
    /// <summary>
    /// The listener section for the port (certificates, password file...); a plain anonymous listener on
    /// 127.0.0.1 when null.
    /// </summary>
    public Func<int, string>? Listener { get; init; }

    /// <summary>On-disk persistence, so queued QoS 1 messages and retained state survive a restart.</summary>
    public bool Persistence { get; init; } = true;

    /// <summary>Messages queued per client beyond those in flight; 0 means no limit.</summary>
    public int MaxQueuedMessages { get; init; } = 10_000;

    /// <summary>QoS 1/2 messages in flight per client; 0 means no limit; mosquitto's default when null.</summary>
    public int? MaxInflightMessages { get; init; }
}
