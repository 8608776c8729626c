using System.Security.Cryptography;
using System.Text;

namespace CallSync.Hub.Security;

/// <summary>
/// One-time enrollment codes: 12 random characters of Crockford's base32 (60 bits) shown as <c>XXXX-XXXX-XXXX</c>, easy
/// to read out and type; case, dashes and spaces are ignored, and O/I/L read as 0/1/1. Stored as SHA-256 of the
/// normalised text: the codes are random and short-lived, so a slow hash would add nothing.
/// </summary>
internal static class EnrollmentCode
{
    public const int Length = 12;
    public const int MaxInputLength = 32;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[Length + 2];
        var at = 0;
        for (var i = 0; i < Length; i++)
        {
            if (i is 4 or 8)
            {
                chars[at++] = '-';
            }

            chars[at++] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>The stored hash of <paramref name="code"/>; null when it cannot be a code at all.</summary>
    public static string? Hash(string? code)
    {
        if (code is null || code.Length > MaxInputLength)
        {
            return null;
        }

        var normal = new StringBuilder(Length);
        foreach (var raw in code)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }

            normal.Append(c);
        }

        return normal.Length == Length ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normal.ToString()))) : null;
    }
}
