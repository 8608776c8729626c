using System.Security.Cryptography;

namespace CallSync.Sip.Syntax;

/// <summary>Fresh identifiers: branch ids (RFC 3261 8.1.1.7), tags (19.3) and Call-IDs (8.1.1.4), all cryptographically random.</summary>
public static class SipIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A branch id: the magic cookie <c>z9hG4bK</c> plus 22 random characters (~113 bits).</summary>
    public static string NewBranch() => SipVia.BranchMagicCookie + Random(22);

    /// <summary>A tag of 16 random characters (~82 bits; RFC 3261 asks for at least 32).</summary>
    public static string NewTag() => Random(16);

    /// <summary>A Call-ID of 24 random characters, with <c>@host</c> appended when a host is given.</summary>
    public static string NewCallId(string? host = null) => string.IsNullOrEmpty(host) ? Random(24) : Random(24) + "@" + host;

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
