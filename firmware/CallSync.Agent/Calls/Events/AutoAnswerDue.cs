namespace CallSync.Agent.Calls.Events;

/// <summary>The auto-answer delay of a ringing call ran out.</summary>
internal sealed record AutoAnswerDue(CallSession Session) : CallEvent;
