namespace CallSync.Sip.UserAgent;

/// <summary>The call ended; the last event of every call, also of calls refused at once (busy, no common media).</summary>
/// <param name="Call">The call.</param>
/// <param name="Outcome">How it ended.</param>
public sealed record SipCallEnded(SipCall Call, SipCallOutcome Outcome) : SipCallEvent(Call);
