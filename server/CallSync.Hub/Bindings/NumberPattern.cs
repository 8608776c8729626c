namespace CallSync.Hub.Bindings;

/// <summary>
/// Pre-authorised desk numbers on a user: an exact number, or a pattern where <c>?</c> matches one character and a
/// trailing <c>*</c> matches any rest (e.g. <c>20??</c>, <c>+4930123*</c>, <c>*</c> for every number).
/// </summary>
internal static class NumberPattern
{
    public static bool IsValid(string pattern) =>
        pattern.Length is > 0 and <= 64 && pattern.IndexOf('*', StringComparison.Ordinal) is var star && (star < 0 || star == pattern.Length - 1);

    public static bool Matches(string pattern, string number)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(number);
        var prefixOnly = pattern.EndsWith('*');
        var fixedPart = prefixOnly ? pattern.AsSpan(0, pattern.Length - 1) : pattern.AsSpan();
        if (prefixOnly ? number.Length < fixedPart.Length : number.Length != fixedPart.Length)
        {
            return false;
        }

        for (var i = 0; i < fixedPart.Length; i++)
        {
            if (fixedPart[i] != '?' && fixedPart[i] != number[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool AnyMatches(IReadOnlyList<string> patterns, string number)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var pattern in patterns)
        {
            if (Matches(pattern, number))
            {
                return true;
            }
        }

        return false;
    }
}
