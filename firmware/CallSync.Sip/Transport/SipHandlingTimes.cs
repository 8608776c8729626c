namespace CallSync.Sip.Transport;

/// <summary>How long received messages held the receive thread (parse excluded): count, 99th percentile, slowest, failures.</summary>
/// <param name="Messages">Messages handled.</param>
/// <param name="P99">The 99th percentile, to the next power of two microseconds (at most the slowest).</param>
/// <param name="Slowest">The slowest one.</param>
/// <param name="Failures">Messages whose handling threw (each one a bug, logged with its stack).</param>
public sealed record SipHandlingTimes(long Messages, TimeSpan P99, TimeSpan Slowest, long Failures)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{Messages} messages handled, p99 {P99.TotalMilliseconds:0.###} ms, slowest {Slowest.TotalMilliseconds:0.###} ms, {Failures} failed");
}
