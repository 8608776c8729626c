namespace CallSync.Hub.Storage;

/// <summary>
/// A registered desk phone. <see cref="ProvisioningKey"/> (base64) is the shared HMAC key that signs commands and
/// the phone's bind requests; <see cref="AttestationKey"/> is the phone's ECDSA P-256 public key
/// (base64 SubjectPublicKeyInfo) that signs companion pairing attestations, empty when unknown.
/// </summary>
internal sealed record DeviceRecord(string DeviceId, string DeskNumber, string ProvisioningKey, string AttestationKey);
