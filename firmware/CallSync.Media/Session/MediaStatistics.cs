namespace CallSync.Media.Session;

/// <summary>Media quality of one call, for the call record.</summary>
public sealed record MediaStatistics
{
    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>RTP payload bytes sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>RTP packets received (voice and telephone-event).</summary>
    public long PacketsReceived { get; init; }

    /// <summary>RTP payload bytes received.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Packets lost on the incoming leg (RFC 3550 A.3 cumulative).</summary>
    public long PacketsLost { get; init; }

    /// <summary>Incoming loss in percent of expected packets.</summary>
    public double LossPercent { get; init; }

    /// <summary>Incoming interarrival jitter, milliseconds.</summary>
    public double JitterMs { get; init; }

    /// <summary>Round-trip time from the peer's RTCP (LSR/DLSR), milliseconds; null when never measured.</summary>
    public double? RoundTripMs { get; init; }

    /// <summary>Loss on the outgoing leg as the peer last reported it (fraction lost, percent); null when no report.</summary>
    public double? RemoteLossPercent { get; init; }

    /// <summary>Cumulative loss on the outgoing leg as the peer last reported it.</summary>
    public long? RemoteCumulativeLost { get; init; }

    /// <summary>Frames the jitter buffer concealed.</summary>
    public long ConcealedFrames { get; init; }

    /// <summary>Packets dropped as too late for playout.</summary>
    public long LatePackets { get; init; }

    /// <summary>E-model MOS estimate (1.0-4.5) for the incoming leg.</summary>
    public double Mos { get; init; }
}
