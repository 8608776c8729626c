namespace CallSync.Hub.Configuration;

/// <summary>
/// What makes a secret (the token secret, the bootstrap admin's password) too simple to use: too short, too few
/// different characters, one short piece repeated, or a value printed in the hub's own documentation (the docs are
/// embedded in the hub at build time, so an example added to them is refused without a list to keep).
/// </summary>
internal static class SecretRules
{
    /// <summary>How to make a good one, appended to every refusal.</summary>
    public const string Advice = "generate one: openssl rand -base64 48";

    /// <summary>Null when <paramref name="secret"/> passes; else the rule it breaks, as words that follow "a secret".</summary>
    public static string? Weakness(string secret, int minLength, int minDistinct)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < minLength)
        {
            return $"of at least {minLength} characters";
        }

        if (HubDocuments.All.Values.Any(doc => doc.Contains(secret, StringComparison.Ordinal)))
        {
            return "of its own, not an example from the documentation";
        }

        if (secret.Distinct().Count() < minDistinct)
        {
            return $"with at least {minDistinct} different characters";
        }

        return IsRepeated(secret) ? "that is not one short piece repeated" : null;
    }

    // "abcabcab": every character equals the one a period before it, for a period of at most half the length.
    private static bool IsRepeated(string text)
    {
        for (var period = 1; period <= text.Length / 2; period++)
        {
            var i = period;
            while (i < text.Length && text[i] == text[i - period])
            {
                i++;
            }

            if (i == text.Length)
            {
                return true;
            }
        }

        return false;
    }
}
