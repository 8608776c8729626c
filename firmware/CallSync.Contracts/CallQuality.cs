namespace CallSync.Contracts;

/// <summary>Media quality over the whole call (RTP/RTCP statistics of the received stream).</summary>
public sealed record CallQuality
{
    /// <summary>Packets lost as a percentage of packets expected (0-100).</summary>
    public double LossPercent { get; init; }

    /// <summary>Mean interarrival jitter in milliseconds (RFC 3550 section 6.4.1).</summary>
    public double JitterMs { get; init; }

    /// <summary>Round-trip time from RTCP reports in milliseconds, when known.</summary>
    public double? RttMs { get; init; }

    /// <summary>Estimated mean opinion score (1.0-4.5), when known.</summary>
    public double? Mos { get; init; }

    /// <summary>20 ms playout periods the receiver filled (partly) with concealment (lost or late audio, an empty buffer), when known.</summary>
    public long? ConcealedPeriods { get; init; }
}
