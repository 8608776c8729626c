namespace CallSync.Agent.Calls.Events;

/// <summary>A finished call's media stopped and its record was committed: the one signal that a call is done.</summary>
internal sealed record RecordCommitted(CallSession Session, FinishedCallSummary Summary) : CallEvent;
