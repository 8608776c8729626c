namespace CallSync.Hub.Api;

/// <summary>A one-time enrollment code for a phone: shown once, valid until <see cref="ExpiresAt"/>, good for one enrollment.</summary>
internal sealed record EnrollmentCodeDto(string DeviceId, string Code, DateTimeOffset ExpiresAt);
