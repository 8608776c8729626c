namespace CallSync.Sip.UserAgent;

/// <summary>The call was answered (our 200 sent, or the peer's 200 received and acknowledged).</summary>
/// <param name="Call">The call.</param>
public sealed record SipCallAnswered(SipCall Call) : SipCallEvent(Call);
