namespace CallSync.Hub.Bindings;

/// <summary>The fields of a verified pairing attestation.</summary>
internal sealed record AttestationClaims(string DeviceId, string DeviceNumber, string AppUserId, string CompanionId, DateTimeOffset IssuedAt);
