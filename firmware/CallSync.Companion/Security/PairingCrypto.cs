using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CallSync.Companion.Security;

/// <summary>
/// The key agreement and derivations of docs/companion-protocol.md ("Pairing", "Session authentication"):
/// ECDH P-256, HMAC-SHA256 commitments and proofs, HKDF-SHA256 for the long-term and session keys.
/// </summary>
internal static class PairingCrypto
{
    public const int NonceSize = 16;
    public const int PublicKeySize = 65;
    public const int MacSize = 32;
    public const int KeySize = 32;

    private static ReadOnlySpan<byte> CodeLabel => "callsync-companion/1 code"u8;

    private static ReadOnlySpan<byte> LongTermKeyLabel => "callsync-companion/1 long-term key"u8;

    private static ReadOnlySpan<byte> ConfirmLabel => "callsync-companion/1 confirm"u8;

    private static ReadOnlySpan<byte> PhoneProofLabel => "callsync-companion/1 phone"u8;

    private static ReadOnlySpan<byte> CompanionProofLabel => "callsync-companion/1 companion"u8;

    private static ReadOnlySpan<byte> SessionLabel => "callsync-companion/1 session"u8;

    public static ECDiffieHellman CreateKeyPair() => ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(NonceSize);

    /// <summary>Uncompressed SEC1 encoding: 0x04 || X || Y (65 bytes).</summary>
    public static byte[] ExportPublicKey(ECDiffieHellman key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
    }

    /// <summary>Imports a peer key; false when the encoding is wrong or the point is not on P-256.</summary>
    public static bool TryImportPublicKey(ReadOnlySpan<byte> encoded, out ECDiffieHellman? key)
    {
        key = null;
        if (encoded.Length != PublicKeySize || encoded[0] != 0x04)
        {
            return false;
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = encoded.Slice(1, 32).ToArray(), Y = encoded.Slice(33, 32).ToArray() },
        };
        try
        {
            parameters.Validate();
            key = ECDiffieHellman.Create(parameters);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static byte[] SharedSecret(ECDiffieHellman own, ECDiffieHellman peer) =>
        own.DeriveRawSecretAgreement(peer.PublicKey);

    /// <summary>The phone's commitment to its nonce before it sees the companion's: HMAC(Np, PKp || PKc).</summary>
    public static byte[] Commit(ReadOnlySpan<byte> phoneNonce, ReadOnlySpan<byte> phoneKey, ReadOnlySpan<byte> companionKey) =>
        HMACSHA256.HashData(phoneNonce, Concat(phoneKey, companionKey));

    /// <summary>The 6-digit comparison value: first 4 bytes of SHA-256(label || PKc || PKp || Nc || Np), mod 10^6.</summary>
    public static int DeriveCode(
        ReadOnlySpan<byte> companionKey, ReadOnlySpan<byte> phoneKey, ReadOnlySpan<byte> companionNonce, ReadOnlySpan<byte> phoneNonce)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Concat(CodeLabel, companionKey, phoneKey, companionNonce, phoneNonce), hash);
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % 1_000_000);
    }

    /// <summary>Formats a code as the six digits both users compare.</summary>
    public static string FormatCode(int code) => code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>LTK = HKDF-SHA256(ikm = ECDH x, salt = Nc || Np, info = label || PKc || PKp), 32 bytes.</summary>
    public static byte[] DeriveLongTermKey(
        byte[] sharedSecret, ReadOnlySpan<byte> companionKey, ReadOnlySpan<byte> phoneKey, ReadOnlySpan<byte> companionNonce, ReadOnlySpan<byte> phoneNonce) =>
        HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            sharedSecret,
            KeySize,
            Concat(companionNonce, phoneNonce),
            Concat(LongTermKeyLabel, companionKey, phoneKey));

    /// <summary>Key confirmation sent with PairConfirm: HMAC(LTK, label || PKc || PKp || Nc || Np).</summary>
    public static byte[] ConfirmCheck(
        byte[] longTermKey, ReadOnlySpan<byte> companionKey, ReadOnlySpan<byte> phoneKey, ReadOnlySpan<byte> companionNonce, ReadOnlySpan<byte> phoneNonce) =>
        HMACSHA256.HashData(longTermKey, Concat(ConfirmLabel, companionKey, phoneKey, companionNonce, phoneNonce));

    /// <summary>Authentication proof: HMAC(LTK, label || UTF-8 companion id || Nc || Np); label differs per side.</summary>
    public static byte[] AuthProof(byte[] longTermKey, bool fromPhone, string companionId, ReadOnlySpan<byte> companionNonce, ReadOnlySpan<byte> phoneNonce) =>
        HMACSHA256.HashData(
            longTermKey,
            Concat(fromPhone ? PhoneProofLabel : CompanionProofLabel, Encoding.UTF8.GetBytes(companionId), companionNonce, phoneNonce));

    /// <summary>Session keys: HKDF-SHA256(LTK, salt = Nc || Np, info = label), 64 bytes: companion->phone then phone->companion.</summary>
    public static (byte[] CompanionToPhone, byte[] PhoneToCompanion) DeriveSessionKeys(
        byte[] longTermKey, ReadOnlySpan<byte> companionNonce, ReadOnlySpan<byte> phoneNonce)
    {
        byte[] okm = HKDF.DeriveKey(HashAlgorithmName.SHA256, longTermKey, 2 * KeySize, Concat(companionNonce, phoneNonce), SessionLabel.ToArray());
        return (okm[..KeySize], okm[KeySize..]);
    }

    public static bool Equal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CryptographicOperations.FixedTimeEquals(a, b);

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => [.. a, .. b];

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) => [.. a, .. b, .. c];

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d) =>
        [.. a, .. b, .. c, .. d];

    private static byte[] Concat(
        ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, ReadOnlySpan<byte> e) =>
        [.. a, .. b, .. c, .. d, .. e];
}
