namespace CallSync.Agent.Calls.Events;

/// <summary>An RFC 4733 digit arrived in the call's RTP stream.</summary>
/// <param name="Session">The call.</param>
/// <param name="Digit">The digit.</param>
/// <param name="At">When it started: media start plus the offset of its first RTP packet.</param>
internal sealed record RtpDigitReceived(CallSession Session, char Digit, DateTimeOffset At) : CallEvent;
