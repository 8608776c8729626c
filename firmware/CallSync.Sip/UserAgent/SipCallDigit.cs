namespace CallSync.Sip.UserAgent;

/// <summary>A DTMF digit the peer sent as SIP INFO (<c>application/dtmf-relay</c> or <c>application/dtmf</c>).</summary>
/// <param name="Call">The call.</param>
/// <param name="Digit">0-9, *, #, A-D.</param>
/// <param name="Duration">The tone length the peer gave, or null.</param>
public sealed record SipCallDigit(SipCall Call, char Digit, TimeSpan? Duration) : SipCallEvent(Call);
