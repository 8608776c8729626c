namespace CallSync.Companion.Server;

/// <summary>Tuning of the phone side of the companion link: library defaults, not configuration keys.</summary>
public sealed class CompanionServerOptions
{
    /// <summary>The chunk size of TCP and RFCOMM: 32 KiB keeps a chunk under 3 s at 100 kbit/s, so a drop loses little.</summary>
    public const int DefaultChunkSize = 32 * 1024;

    /// <summary>
    /// The chunk size of the LE channel. At 25-60 KB/s a 32 KiB chunk would take up to 1.3 s, all of it lost when the
    /// link drops inside it; 8 KiB loses at most a third of a second and costs 76 bytes of framing per chunk (0.93 %,
    /// docs/companion-protocol.md, "Chunk size on LE").
    /// </summary>
    public const int LeChunkSize = 8 * 1024;

    /// <summary>The largest chunk size a listener may use: a chunk and its header must fit one frame (1 MiB).</summary>
    public const int MaxChunkSize = 512 * 1024;

    /// <summary>Recording chunk size of a listener given as a bare transport (tests, simulation).</summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>Chunks in flight before the phone waits for an ack (8 x 32 KiB covers 2.6 s at 100 KB/s; 8 x 8 KiB over a second on LE).</summary>
    public int AckWindowChunks { get; set; } = 8;

    /// <summary>
    /// How long a connection may take from accept to authentication, all steps together (a companion needs well under a
    /// second); pings do not extend it. A pairing extends it by <see cref="PairingTimeout"/> from its PairStart, because
    /// two people compare a code; once paired, the companion has this long again to authenticate.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the users have to compare and confirm the pairing code.</summary>
    public TimeSpan PairingTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// An authenticated session that receives nothing (not even a Ping) for this long is closed with
    /// <c>Timeout</c>, so a mobile that walked out of range does not hold a session slot. Companions ping every 30 s.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Authenticated sessions served at once: companions of people. A companion that authenticates while this many
    /// sessions of other companions are open is refused with <c>Busy</c>; its own older sessions never count (it takes
    /// them over).
    /// </summary>
    public int MaxSessions { get; set; } = 8;

    /// <summary>
    /// Connections not yet authenticated held at once, apart from <see cref="MaxSessions"/>. A new connection past it
    /// closes the oldest unauthenticated one, so loitering sockets can delay a companion by at most one handshake.
    /// </summary>
    public int MaxUnauthenticated { get; set; } = 4;

    /// <summary>Connections not yet authenticated held at once from one source address; past it the source's oldest is closed.</summary>
    public int MaxUnauthenticatedPerSource { get; set; } = 2;

    /// <summary>Refusals and closings before authentication are logged once per this interval, with their count.</summary>
    public TimeSpan RefusalLogInterval { get; set; } = TimeSpan.FromMinutes(1);
}
