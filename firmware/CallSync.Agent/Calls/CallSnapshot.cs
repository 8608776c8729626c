using CallSync.Contracts;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>One live call as the status shows it; the loop publishes a new array of these after every event.</summary>
internal sealed record CallSnapshot(SipCallDirection Direction, string Remote, CallPhase Phase, SipCallState State, string CallId, CallSecurity Security);
