namespace CallSync.Hub.Api;

/// <summary>One binding audit event.</summary>
internal sealed record AuditDto(long Id, DateTimeOffset At, string Actor, string Action, string UserId, string DeviceId, string Outcome, string Detail);
