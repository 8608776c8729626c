namespace CallSync.Agent.Calls.Events;

/// <summary>An RFC 4733 digit arrived in the call's RTP stream.</summary>
internal sealed record RtpDigitReceived(CallSession Session, char Digit) : CallEvent;
