namespace CallSync.Web.Api;

/// <summary>
/// A stored call record: the hub's index fields and the phone's record JSON as received. <see cref="Security"/> is
/// none, tls, srtp or tls+srtp (null from a hub that predates it).
/// </summary>
public sealed record CallRecord(string RecordId, string DeviceId, string Direction, string LocalNumber, string RemoteNumber, string Result, DateTimeOffset StartedAt, DateTimeOffset ReceivedAt, System.Text.Json.JsonElement Record, string? Security = null);
