using CallSync.Contracts;

namespace CallSync.Hub.Bindings;

/// <summary>
/// Checks a companion pairing attestation (<see cref="BindingAttestation"/>, docs/companion-protocol.md) against the
/// device's stored public key (base64 SubjectPublicKeyInfo). Never throws on input.
/// </summary>
internal static class AttestationVerifier
{
    public static bool TryVerify(ReadOnlySpan<byte> json, ReadOnlySpan<byte> signature, string publicKeySpkiBase64, out BindingAttestation? claims)
    {
        claims = null;
        if (string.IsNullOrEmpty(publicKeySpkiBase64))
        {
            return false;
        }

        byte[] publicKey;
        try
        {
            publicKey = Convert.FromBase64String(publicKeySpkiBase64);
        }
        catch (FormatException)
        {
            return false;
        }

        return BindingAttestation.TryVerify(json, signature, publicKey, out claims);
    }
}
