using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls.Events;

/// <summary>The SIP user agent raised <paramref name="Event"/>.</summary>
internal sealed record SipCallEventArrived(SipCallEvent Event) : CallEvent;
