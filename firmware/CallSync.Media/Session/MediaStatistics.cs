namespace CallSync.Media.Session;

/// <summary>
/// Media quality of one call, for the call record. Incoming audio is accounted in time as well as packets, so a
/// packetization other than 20 ms, comfort noise, a new source or a sequence jump cannot distort it.
/// </summary>
public sealed record MediaStatistics
{
    /// <summary>RTP packets sent.</summary>
    public long PacketsSent { get; init; }

    /// <summary>RTP payload bytes sent.</summary>
    public long BytesSent { get; init; }

    /// <summary>RTP packets received (voice, comfort noise and telephone-event; duplicates excluded).</summary>
    public long PacketsReceived { get; init; }

    /// <summary>RTP payload bytes received.</summary>
    public long BytesReceived { get; init; }

    /// <summary>
    /// Packets lost on the incoming leg (RFC 3550 A.3, summed over the sources of the call). A sequence number jump
    /// whose timestamps show continuous audio, or a new source, re-synchronises instead of counting loss.
    /// </summary>
    public long PacketsLost { get; init; }

    /// <summary>Incoming loss in percent of expected packets.</summary>
    public double LossPercent { get; init; }

    /// <summary>Incoming interarrival jitter (RFC 3550 A.8) of the current source, milliseconds.</summary>
    public double JitterMs { get; init; }

    /// <summary>Round-trip time from the peer's RTCP (LSR/DLSR), milliseconds; null when never measured.</summary>
    public double? RoundTripMs { get; init; }

    /// <summary>Loss on the outgoing leg as the peer last reported it (fraction lost, percent); null when no report.</summary>
    public double? RemoteLossPercent { get; init; }

    /// <summary>Cumulative loss on the outgoing leg as the peer last reported it.</summary>
    public long? RemoteCumulativeLost { get; init; }

    /// <summary>
    /// 20 ms playout periods that contained concealment of audio missing at its playout time: holes in what was heard.
    /// Concealment after the last packet of a stream or talkspurt, into the sender's silence, is not counted here
    /// (see <see cref="TrailingConcealment"/>).
    /// </summary>
    public long ConcealedFrames { get; init; }

    /// <summary>Packets dropped because they arrived after their audio had been played (or concealed).</summary>
    public long LatePackets { get; init; }

    /// <summary>Packets received twice (counted once).</summary>
    public long DuplicatePackets { get; init; }

    /// <summary>Packets received but not played: undecodable, buffer overflow, or dropped to bring latency down.</summary>
    public long DiscardedPackets { get; init; }

    /// <summary>Times the incoming stream was re-synchronised: a new source (SSRC), a sequence or a timestamp jump.</summary>
    public long Resynchronisations { get; init; }

    /// <summary>Voice audio received (unique packets' durations).</summary>
    public TimeSpan ReceivedAudio { get; init; }

    /// <summary>Voice audio lost in the network (lost packets times their duration).</summary>
    public TimeSpan LostAudio { get; init; }

    /// <summary>Voice audio that arrived too late to be played.</summary>
    public TimeSpan LateAudio { get; init; }

    /// <summary>Voice audio received but discarded (see <see cref="DiscardedPackets"/>).</summary>
    public TimeSpan DiscardedAudio { get; init; }

    /// <summary>Audio played by concealment of lost or late audio (the holes of <see cref="ConcealedFrames"/>).</summary>
    public TimeSpan ConcealedAudio { get; init; }

    /// <summary>
    /// Concealment that followed the last packet before the stream ended or paused (up to 100 ms each time, while the
    /// receiver could not yet tell a pause from a late packet): the sender's silence, not missing audio.
    /// </summary>
    public TimeSpan TrailingConcealment { get; init; }

    /// <summary>Lost audio rebuilt from the next packet's in-band FEC (Opus), not counted as concealed.</summary>
    public TimeSpan RecoveredAudio { get; init; }

    /// <summary>Comfort noise played (RFC 3389 silence descriptors).</summary>
    public TimeSpan ComfortNoise { get; init; }

    /// <summary>
    /// What the listener missed, in percent of the voice audio sent to us: (lost + late + discarded) / (received +
    /// lost). This, not the packet count, feeds the E-model.
    /// </summary>
    public double EffectiveLossPercent { get; init; }

    /// <summary>Playout delay target of the jitter buffer at the end, milliseconds.</summary>
    public double PlayoutDelayMs { get; init; }

    /// <summary>E-model MOS estimate (1.0-4.5) for the incoming leg.</summary>
    public double Mos { get; init; }

    /// <summary>Received SRTP/SRTCP packets dropped because their authentication tag did not match (tampered, another key, plain RTP).</summary>
    public long SrtpAuthenticationFailures { get; init; }

    /// <summary>Received SRTP/SRTCP packets dropped as replays (index already seen or behind the window).</summary>
    public long SrtpReplays { get; init; }
}
