namespace CallSync.Hub.Api;

/// <summary>
/// A dial's progress: <c>sent</c>, <c>accepted</c>, then <c>succeeded</c> (with <see cref="RecordId"/>),
/// <c>failed</c>, <c>rejected</c> (with <see cref="Reason"/>) or <c>timed-out</c>.
/// </summary>
internal sealed record DialDto(string RequestId, string DeviceId, string Number, string Status, string? RecordId, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
