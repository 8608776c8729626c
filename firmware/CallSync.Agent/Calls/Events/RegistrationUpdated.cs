using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls.Events;

/// <summary>The registration changed.</summary>
internal sealed record RegistrationUpdated(SipRegistrationState State) : CallEvent;
