namespace CallSync.Sip.UserAgent;

/// <summary>The far end of an outgoing call rings (the first 180 or 183).</summary>
/// <param name="Call">The call.</param>
public sealed record SipCallRinging(SipCall Call) : SipCallEvent(Call);
