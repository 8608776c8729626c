namespace CallSync.Hub.Bindings;

/// <summary>
/// Pre-authorised desk numbers on a user: an exact number, or a pattern where <c>?</c> matches one character and a
/// trailing <c>*</c> matches any rest (e.g. <c>20??</c>, <c>+4930123*</c>, <c>*</c> for every number).
/// </summary>
internal static class NumberPattern
{
    /// <summary>Patterns one user may have: enough for a team's range of desks, small enough to check on every bind.</summary>
    public const int MaxCount = 100;

    public const int MaxLength = 64;

    /// <summary>What <see cref="IsValidList"/> requires, for error messages and docs/hub-api.md.</summary>
    public const string ListRule = "numberPatterns: at most 100 patterns of 1-64 characters (no control characters), '?' for one character, '*' only at the end";

    public static bool IsValid(string? pattern) =>
        pattern is { Length: > 0 and <= MaxLength } && !pattern.Any(char.IsControl)
        && pattern.IndexOf('*', StringComparison.Ordinal) is var star && (star < 0 || star == pattern.Length - 1);

    /// <summary>True for a storable list: null (none), or at most <see cref="MaxCount"/> valid patterns.</summary>
    public static bool IsValidList(IReadOnlyList<string>? patterns) => patterns is null || (patterns.Count <= MaxCount && patterns.All(IsValid));

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
