namespace CallSync.Agent.Calls;

/// <summary>What asking the phone to dial did.</summary>
internal sealed record DialAttempt(DialAttemptStatus Status, CallSession? Call, string Reason)
{
    /// <summary>The call exists and its INVITE is on its way; follow <see cref="CallSession.Finished"/>.</summary>
    public static DialAttempt Started(CallSession call) => new(DialAttemptStatus.Started, call, "");

    /// <summary>Another call is up; nothing was dialled.</summary>
    public static DialAttempt Busy() => new(DialAttemptStatus.Busy, null, "busy: another call is in progress");

    /// <summary>The target is not a number or SIP URI.</summary>
    public static DialAttempt Invalid(string reason) => new(DialAttemptStatus.Invalid, null, reason);

    /// <summary>The call could not be placed (no domain, no free RTP port, stopping).</summary>
    public static DialAttempt Failed(string reason) => new(DialAttemptStatus.Failed, null, reason);
}
