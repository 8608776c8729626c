namespace CallSync.Configuration;

/// <summary>Text from a configuration file as a message may show it.</summary>
internal static class ConfigText
{
    private const int MaxShown = 120;

    /// <summary>
    /// One line whatever the text holds: control characters (a pasted line break) become '?' and a long text is cut,
    /// so a bad file can neither flood a terminal nor forge a second line.
    /// </summary>
    public static string Printable(string text)
    {
        var shown = text.Length > MaxShown ? text[..MaxShown] + "..." : text;
        return string.Create(shown.Length, shown, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    /// <summary>A key as <see cref="Printable"/> shows it, quoted when a part of it is empty (<c>"Device:"</c>).</summary>
    public static string Key(string key)
    {
        var shown = Printable(key);
        return shown.Length == 0 || shown.StartsWith(':') || shown.EndsWith(':') || shown.Contains("::", StringComparison.Ordinal) ? $"\"{shown}\"" : shown;
    }
}
