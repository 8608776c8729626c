namespace CallSync.Contracts;

/// <summary>
/// POST <c>/api/v1/enroll</c>, phone -> hub (docs/security.md, "Enrollment"): the one-time code an admin issued for this
/// phone, the device id the phone is configured with (must be the code's), and the public half of the key pair the
/// phone generated for signing pairing attestations.
/// </summary>
public sealed record EnrollmentRequest
{
    /// <summary>The enrollment code as the admin got it (dashes and case do not matter).</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>The phone's configured device id.</summary>
    public string DeviceId { get; init; } = string.Empty;

    /// <summary>Base64 SubjectPublicKeyInfo (DER) of the phone's ECDSA P-256 attestation key.</summary>
    public string AttestationKey { get; init; } = string.Empty;
}
