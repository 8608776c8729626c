using System.Security.Cryptography;
using System.Text;

namespace CallSync.Contracts;

/// <summary>
/// HMAC-SHA256 (RFC 2104) over the UTF-8 bytes of a canonical text form, as padded base64 (RFC 4648 section 4): the
/// one MAC behind signed commands, signed replies and signed bind requests. Verification compares in constant time
/// and never throws on bad input.
/// </summary>
public static class HmacSignature
{
    /// <summary>Smallest key accepted (RFC 2104 section 3: at least the hash output length).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The base64 MAC of <paramref name="canonical"/> under <paramref name="key"/>.</summary>
    public static string Compute(string canonical, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical), mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>True when <paramref name="signature"/> is the MAC of <paramref name="canonical"/>; false for any malformed input or an empty key.</summary>
    public static bool Verify(string? canonical, string? signature, ReadOnlySpan<byte> key)
    {
        if (canonical is null || string.IsNullOrEmpty(signature) || key.IsEmpty || signature.Length > 64)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes + 3];
        if (!Convert.TryFromBase64String(signature, given, out int length) || length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical), expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }
}
