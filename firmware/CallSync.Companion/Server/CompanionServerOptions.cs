namespace CallSync.Companion.Server;

/// <summary>Tuning of the phone side of the companion link: library defaults, not configuration keys (the agent reads only Companion:Listen).</summary>
public sealed class CompanionServerOptions
{
    /// <summary>Recording chunk size. 32 KiB keeps a chunk under 3 s at 100 kbit/s, so a drop loses little.</summary>
    public int ChunkSize { get; set; } = 32 * 1024;

    /// <summary>Chunks in flight before the phone waits for an ack (8 x 32 KiB covers 2.6 s at 100 KB/s).</summary>
    public int AckWindowChunks { get; set; } = 8;

    /// <summary>How long each handshake step may take.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the users have to compare and confirm the pairing code.</summary>
    public TimeSpan PairingTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// An authenticated session that receives nothing (not even a Ping) for this long is closed with
    /// <c>Timeout</c>, so a mobile that walked out of range does not hold a session slot. Companions ping every 30 s.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Sessions served at once; more connections are closed at once.</summary>
    public int MaxSessions { get; set; } = 8;
}
