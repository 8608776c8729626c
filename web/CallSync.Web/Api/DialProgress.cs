namespace CallSync.Web.Api;

/// <summary>A remote dial: sent, accepted, then succeeded (with RecordId), failed, rejected (with Reason) or timed-out.</summary>
public sealed record DialProgress(string RequestId, string DeviceId, string Number, string Status, string? RecordId, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
