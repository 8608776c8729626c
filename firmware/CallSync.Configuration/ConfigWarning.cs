namespace CallSync.Configuration;

/// <summary>A key no declaration knows (a typo, or a key of a newer version): ignored, with the nearest known key.</summary>
/// <param name="Key">The key as found, e.g. <c>Sip:AutoAnswr</c>, or a whole unknown section.</param>
/// <param name="Suggestion">The declared key it most likely means, or null.</param>
public sealed record ConfigWarning(string Key, string? Suggestion)
{
    /// <summary>One line: <c>configuration: Sip:AutoAnswr is not a known key and is ignored; did you mean Sip:AutoAnswer?</c></summary>
    public string Message => $"configuration: {ShownKey} is not a known key and is ignored{Hint}";

    /// <summary>The key as a message or log line may show it (one line, quoted when a part of it is empty).</summary>
    public string ShownKey => ConfigText.Key(Key);

    /// <summary>"; did you mean X?" or empty.</summary>
    public string Hint => Suggestion is null ? string.Empty : $"; did you mean {Suggestion}?";
}
