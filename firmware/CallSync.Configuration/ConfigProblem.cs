namespace CallSync.Configuration;

/// <summary>A value a program cannot use: which key, what it held (or "(hidden)" for a secret) and what was expected.</summary>
/// <param name="Key">The full key, e.g. <c>Sip:Listen:1</c>.</param>
/// <param name="Value">The value found as it may be shown, or null when the key was missing.</param>
/// <param name="Expected">What the key accepts.</param>
public sealed record ConfigProblem(string Key, string? Value, string Expected)
{
    /// <summary>The text shown instead of a secret's value.</summary>
    public const string Hidden = "(hidden)";

    /// <summary>One line: <c>configuration: KEY = "VALUE" is invalid; expected ...</c> or <c>configuration: KEY is missing; expected ...</c>.</summary>
    public string Message => Value is null
        ? $"configuration: {Key} is missing; expected {Expected}"
        : $"configuration: {Key} = \"{Printable(Value)}\" is invalid; expected {Expected}";

    // A value is shown on one line whatever it holds: control characters (a pasted line break) become '?', and a
    // long value is cut, so a bad file cannot flood a terminal or forge a second line.
    private static string Printable(string value)
    {
        const int MaxShown = 120;
        var shown = value.Length > MaxShown ? value[..MaxShown] + "..." : value;
        return string.Create(shown.Length, shown, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }
}
