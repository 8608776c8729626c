using System.Globalization;

namespace CallSync.Sip.Syntax;

/// <summary>Small scalar parsers shared by the typed accessors.</summary>
internal static class SipValueParsers
{
    private const long MaxDeltaSeconds = uint.MaxValue;

    /// <summary>delta-seconds; values above 2^32-1 are taken as 2^32-1 (RFC 3261 20.19). Null when absent or malformed.</summary>
    internal static TimeSpan? ParseDeltaSeconds(ReadOnlySpan<char> s)
    {
        s = SipChars.TrimLws(s);
        if (s.Length == 0 || s.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        var trimmed = s.TrimStart('0');
        long seconds = trimmed.Length > 10 ? MaxDeltaSeconds : (trimmed.Length == 0 ? 0 : long.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDeltaSeconds));
    }

    internal static TimeSpan? ParseDeltaSeconds(string? s) => s is null ? null : ParseDeltaSeconds(s.AsSpan());

    /// <summary>A non-negative int of up to 9 digits; null otherwise.</summary>
    internal static int? ParseSmallInt(ReadOnlySpan<char> s)
    {
        s = SipChars.TrimLws(s);
        if (s.Length == 0 || s.Length > 9 || s.ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        return int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
