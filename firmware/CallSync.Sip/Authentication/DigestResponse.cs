using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace CallSync.Sip.Authentication;

/// <summary>The digest computation of RFC 7616 section 3.4.1 (RFC 2617 section 3.2.2 for MD5).</summary>
public static class DigestResponse
{
    /// <summary>
    /// Computes the <c>response</c> value. With <paramref name="qop"/> null this is the RFC 2069 form
    /// H(HA1:nonce:HA2); with qop=auth it is H(HA1:nonce:nc:cnonce:qop:HA2).
    /// </summary>
    public static string Compute(
        DigestAlgorithm algorithm,
        string userName,
        string realm,
        string password,
        string method,
        string uri,
        string nonce,
        string? qop,
        string? nonceCount,
        string? cnonce)
    {
        var ha1 = Hash(algorithm, $"{userName}:{realm}:{password}");
        var ha2 = Hash(algorithm, $"{method}:{uri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nonceCount}:{cnonce}:{qop}:{ha2}");
    }

    [SuppressMessage("Security", "CA5351:Do not use broken cryptographic algorithms", Justification = "Digest MD5 is what SIP registrars require (RFC 2617); it is not used for secrecy.")]
    private static string Hash(DigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var digest = algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes);
        return Convert.ToHexStringLower(digest);
    }
}
