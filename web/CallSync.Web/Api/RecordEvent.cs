namespace CallSync.Web.Api;

/// <summary>Live: a call record was stored.</summary>
public sealed record RecordEvent(string RecordId, string DeviceId, string Direction, string RemoteNumber, string Result, DateTimeOffset StartedAt);
