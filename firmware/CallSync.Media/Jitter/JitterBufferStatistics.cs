namespace CallSync.Media.Jitter;

/// <summary>Counters of a <see cref="JitterBuffer"/>.</summary>
public readonly record struct JitterBufferStatistics
{
    /// <summary>Packets accepted.</summary>
    public long Accepted { get; init; }

    /// <summary>Packets dropped as duplicates.</summary>
    public long Duplicates { get; init; }

    /// <summary>Packets dropped because their playout time had passed.</summary>
    public long Late { get; init; }

    /// <summary>Frames concealed (lost or underrun).</summary>
    public long Concealed { get; init; }

    /// <summary>Frames discarded to shrink latency.</summary>
    public long Discarded { get; init; }

    /// <summary>Current target depth.</summary>
    public TimeSpan TargetDepth { get; init; }
}
