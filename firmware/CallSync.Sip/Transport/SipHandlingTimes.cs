namespace CallSync.Sip.Transport;

/// <summary>How long received messages held the receive thread (parse excluded): count, 99th percentile, slowest.</summary>
/// <param name="Messages">Messages handled.</param>
/// <param name="P99">The 99th percentile, to the next power of two microseconds.</param>
/// <param name="Slowest">The slowest one.</param>
public sealed record SipHandlingTimes(long Messages, TimeSpan P99, TimeSpan Slowest)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Messages} messages handled, p99 {P99.TotalMilliseconds:0.###} ms, slowest {Slowest.TotalMilliseconds:0.###} ms");
}
