namespace CallSync.Hub.Storage;

/// <summary>One remote dial relayed to a desk phone; <see cref="RequestId"/> is also the command id on MQTT.</summary>
internal sealed record DialRequest(
    string RequestId,
    string UserId,
    string DeviceId,
    string Number,
    string Status,
    string? RecordId,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset DeadlineAt);
