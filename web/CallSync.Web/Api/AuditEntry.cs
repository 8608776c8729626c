namespace CallSync.Web.Api;

/// <summary>One audit trail entry.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string UserId, string DeviceId, string Outcome, string Detail);
