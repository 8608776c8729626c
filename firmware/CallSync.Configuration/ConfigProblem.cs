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
        ? $"configuration: {ConfigText.Key(Key)} is missing; expected {Expected}"
        : $"configuration: {ConfigText.Key(Key)} = \"{ConfigText.Printable(Value)}\" is invalid; expected {Expected}";
}
