namespace CallSync.Hub.Events;

/// <summary>A call record was stored (<c>event: record</c>); fetch it with GET /api/v1/records/{recordId}.</summary>
internal sealed record RecordEvent(string RecordId, string DeviceId, string Direction, string RemoteNumber, string Result, DateTimeOffset StartedAt);
