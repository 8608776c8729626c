namespace CallSync.Hub.Api;

/// <summary>
/// POST /api/v1/bindings/attestation body: the attestation's canonical JSON bytes exactly as the phone signed them,
/// and the phone's ECDSA P-256 signature (IEEE P1363), both base64.
/// </summary>
internal sealed record AttestationRequest(string Attestation, string Signature);
