namespace CallSync.Hub.Storage;

/// <summary>One binding event: who did what to which binding, when, and how it ended.</summary>
internal sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string UserId, string DeviceId, string Outcome, string Detail);
