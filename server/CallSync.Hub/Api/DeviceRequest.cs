namespace CallSync.Hub.Api;

/// <summary>
/// PUT /api/v1/admin/devices/{deviceId} body: the desk number, the provisioning key (base64, at least 32 bytes)
/// and optionally the attestation public key (base64 SubjectPublicKeyInfo, ECDSA P-256).
/// </summary>
internal sealed record DeviceRequest(string DeskNumber, string ProvisioningKey, string? AttestationKey);
