namespace CallSync.Hub.Security;

/// <summary>A one-time enrollment code, shown to the admin once (the hub keeps only its hash).</summary>
internal sealed record IssuedCode(string DeviceId, string Code, DateTimeOffset ExpiresAt);
