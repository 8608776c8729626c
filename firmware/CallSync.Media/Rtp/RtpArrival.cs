namespace CallSync.Media.Rtp;

/// <summary>What <see cref="RtpReceiveStatistics.Update"/> made of one packet.</summary>
/// <param name="Kind">How it fits the sequence.</param>
/// <param name="Sequence">Its logical extended sequence number: continuous across wrap-around and re-synchronisations.</param>
/// <param name="Timestamp">Its logical extended timestamp: continuous across wrap-around and timestamp jumps.</param>
/// <param name="Lost">Packets newly counted lost before it (0 unless an in-order gap).</param>
public readonly record struct RtpArrival(RtpArrivalKind Kind, long Sequence, long Timestamp, long Lost);
