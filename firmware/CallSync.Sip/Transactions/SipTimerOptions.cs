namespace CallSync.Sip.Transactions;

/// <summary>The timer base values of RFC 3261 section 17.1.1.1 and table 4.</summary>
public sealed record SipTimerOptions
{
    /// <summary>T1, the RTT estimate: 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>T2, the retransmit cap for non-INVITE requests and INVITE responses: 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>T4, the longest time a message stays in the network: 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D, the wait for response retransmissions after a non-2xx INVITE final over UDP: at least 32 s.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>64*T1: Timers B, F, H, J, L and M.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;
}
