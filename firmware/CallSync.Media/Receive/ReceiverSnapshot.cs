namespace CallSync.Media.Receive;

/// <summary>The receiver's counters at one moment (call totals over every source).</summary>
internal readonly record struct ReceiverSnapshot
{
    public long Packets { get; init; }

    public long Bytes { get; init; }

    public long PacketsExpected { get; init; }

    public long PacketsLost { get; init; }

    public long LatePackets { get; init; }

    public long DuplicatePackets { get; init; }

    public long DiscardedPackets { get; init; }

    public long Resynchronisations { get; init; }

    public long ConcealedPeriods { get; init; }

    public TimeSpan Received { get; init; }

    public TimeSpan Lost { get; init; }

    public TimeSpan Late { get; init; }

    public TimeSpan Discarded { get; init; }

    public TimeSpan Concealed { get; init; }

    /// <summary>Concealment into the sender's silence after a stream or talkspurt ended (not a hole).</summary>
    public TimeSpan Trailing { get; init; }

    public TimeSpan Recovered { get; init; }

    public TimeSpan ComfortNoise { get; init; }

    public TimeSpan Jitter { get; init; }

    public TimeSpan PlayoutDelay { get; init; }

    /// <summary>Duration of the latest voice packet received.</summary>
    public TimeSpan PacketTime { get; init; }
}
