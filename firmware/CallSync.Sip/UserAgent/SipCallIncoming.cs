namespace CallSync.Sip.UserAgent;

/// <summary>A new incoming call rings here (180 sent); answer it with <see cref="SipCall.Answer"/> or reject it.</summary>
/// <param name="Call">The call.</param>
public sealed record SipCallIncoming(SipCall Call) : SipCallEvent(Call);
