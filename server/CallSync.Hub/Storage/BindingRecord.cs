namespace CallSync.Hub.Storage;

/// <summary>
/// One app user bound to one desk phone. <see cref="Via"/> says which flow created it:
/// <c>app</c>, <c>device</c>, <c>attestation</c> or <c>admin</c>.
/// </summary>
internal sealed record BindingRecord(string UserId, string DeviceId, BindingStatus Status, bool CanDial, string Via, DateTimeOffset UpdatedAt);
