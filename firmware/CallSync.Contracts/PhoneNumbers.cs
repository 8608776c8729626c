namespace CallSync.Contracts;

/// <summary>
/// The one normalisation rule for telephone numbers (docs/call-record.md, "Numbers"):
/// trim; drop a leading <c>tel:</c>, <c>sip:</c> or <c>sips:</c> scheme and everything from the first '@' or ';';
/// drop visual separators (space, '-', '.', '(', ')', '/'); keep one leading '+'; the rest must be 1-32 ASCII
/// digits. Anything else (letters, '*', '#', an inner '+') has no normalised form. No country or trunk-prefix
/// rewriting is done: "0049..." stays "0049...".
/// </summary>
public static class PhoneNumbers
{
    /// <summary>Most digits a normalised number may hold.</summary>
    public const int MaxDigits = 32;

    /// <summary>Most digits a remote dial command may ask for (E.164's 15 plus room for access prefixes).</summary>
    public const int MaxDialDigits = 20;

    /// <summary>Returns the normalised form of <paramref name="raw"/>, or null when it has none.</summary>
    public static string? Normalize(ReadOnlySpan<char> raw)
    {
        ReadOnlySpan<char> s = raw.Trim();
        if (s.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[4..];
        }
        else if (s.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[5..];
        }
        else if (s.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[4..];
        }

        int cut = s.IndexOfAny('@', ';');
        if (cut >= 0)
        {
            s = s[..cut];
        }

        Span<char> buffer = stackalloc char[MaxDigits + 1];
        int length = 0;
        int digits = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (char.IsAsciiDigit(c))
            {
                if (digits == MaxDigits)
                {
                    return null;
                }

                buffer[length++] = c;
                digits++;
            }
            else if (c == '+' && length == 0)
            {
                buffer[length++] = c;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')' or '/' or '\u00a0')
            {
                continue;
            }
            else
            {
                return null;
            }
        }

        return digits == 0 ? null : new string(buffer[..length]);
    }

    /// <summary>True when <paramref name="raw"/> is acceptable as the number of a remote dial command.</summary>
    public static bool IsDiallable(string? raw, out string normalized)
    {
        normalized = string.Empty;
        if (raw is null || raw.Length > 64)
        {
            return false;
        }

        string? n = Normalize(raw);
        if (n is null)
        {
            return false;
        }

        int digits = n[0] == '+' ? n.Length - 1 : n.Length;
        if (digits > MaxDialDigits)
        {
            return false;
        }

        normalized = n;
        return true;
    }
}
