namespace CallSync.Agent.Calls.Events;

/// <summary>Time to check the live calls' media for a vanished peer.</summary>
internal sealed record MediaCheckDue : CallEvent;
