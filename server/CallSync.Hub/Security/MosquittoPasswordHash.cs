using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CallSync.Hub.Security;

/// <summary>
/// Broker secrets stored as mosquitto 2.0's password-file hash (what <c>mosquitto_passwd</c> writes):
/// <c>$7$&lt;iterations&gt;$&lt;base64 salt&gt;$&lt;base64 PBKDF2-HMAC-SHA512(secret, salt, iterations, 64 bytes)&gt;</c>,
/// 12-byte salt, standard padded base64. The same string verifies a CONNECT at the embedded broker and goes into
/// mosquitto's password file, so every broker checks the same hash. The secrets are 256-bit random values (or
/// signed tokens), not passwords people choose, so mosquitto's default work factor (101) is enough.
/// </summary>
internal static class MosquittoPasswordHash
{
    public const int DefaultIterations = 101;
    private const string Prefix = "$7$";
    private const int SaltBytes = 12;
    private const int HashBytes = 64;
    private const int MaxIterations = 10_000_000;

    public static string Hash(string secret, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        Span<byte> hash = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, hash, iterations, HashAlgorithmName.SHA512);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Constant time with respect to the hash; false for any malformed stored value or a secret over 1 KiB.</summary>
    public static bool Verify(string? secret, string? stored)
    {
        if (secret is null || stored is null || secret.Length > 1024 || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = stored[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        Span<byte> salt = stackalloc byte[64];
        Span<byte> expected = stackalloc byte[HashBytes + 3];
        if (!Convert.TryFromBase64String(parts[1], salt, out var saltLength) || saltLength == 0
            || !Convert.TryFromBase64String(parts[2], expected, out var hashLength) || hashLength != HashBytes)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt[..saltLength], actual, iterations, HashAlgorithmName.SHA512);
        return CryptographicOperations.FixedTimeEquals(actual, expected[..hashLength]);
    }
}
