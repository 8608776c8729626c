namespace CallSync.Agent.Calls.Events;

/// <summary>The handset was lifted (<paramref name="OffHook"/>) or put back.</summary>
internal sealed record HookMoved(bool OffHook) : CallEvent;
