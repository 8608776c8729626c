using System.Text;

namespace CallSync.Hal.Linux.Display;

/// <summary>
/// Fits a line of text to a character LCD: the HD44780's character ROM (A00) matches ASCII from 0x20 to 0x7D except
/// 0x5C (a yen sign) and 0x7E/0x7F (arrows), so everything else is mapped to the nearest ASCII letter or '?'; a line
/// too long for the display is cut at the last word boundary when that keeps most of the width, else at the width.
/// </summary>
public static class LcdText
{
    // Latin-1 and Latin Extended-A letters people's and companies' names carry, as their base letters. Each entry is
    // a run of characters sharing one replacement.
    private static readonly (string From, string To)[] Letters =
    [
        ("ÀÁÂÃÄÅĀĂĄ", "A"), ("àáâãäåāăą", "a"), ("ÇĆĈĊČ", "C"), ("çćĉċč", "c"), ("ĎĐÐ", "D"), ("ďđð", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"), ("èéêëēĕėęě", "e"), ("ĜĞĠĢ", "G"), ("ĝğġģ", "g"), ("ĤĦ", "H"), ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"), ("ìíîïĩīĭįı", "i"), ("Ĵ", "J"), ("ĵ", "j"), ("Ķ", "K"), ("ķ", "k"), ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"), ("ÑŃŅŇ", "N"), ("ñńņň", "n"), ("ÒÓÔÕÖØŌŎŐ", "O"), ("òóôõöøōŏő", "o"), ("ŔŖŘ", "R"),
        ("ŕŗř", "r"), ("ŚŜŞŠ", "S"), ("śŝşš", "s"), ("ŢŤŦ", "T"), ("ţťŧ", "t"), ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"), ("Ŵ", "W"), ("ŵ", "w"), ("ÝŸŶ", "Y"), ("ýÿŷ", "y"), ("ŹŻŽ", "Z"), ("źżž", "z"),
        ("Æ", "AE"), ("æ", "ae"), ("Œ", "OE"), ("œ", "oe"), ("ß", "ss"), ("Þ", "Th"), ("þ", "th"),
        ("‘’‚′", "'"), ("“”„″", "\""), ("‐‑‒–—−", "-"), ("…", "..."), ("\\", "/"), ("~", "-"),
    ];

    private static readonly Dictionary<char, string> Map = BuildMap();

    /// <summary>The text as the LCD can show it: ASCII only, no control characters, at most <paramref name="columns"/> long.</summary>
    public static string Fit(string text, int columns)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var ascii = ToAscii(text);
        if (ascii.Length <= columns)
        {
            return ascii;
        }

        // Cutting inside a word: end at the space before it, unless that would leave less than two thirds of the line.
        if (ascii[columns] != ' ' && ascii[columns - 1] != ' ')
        {
            int space = ascii.LastIndexOf(' ', columns - 1);
            if (space >= columns * 2 / 3)
            {
                return ascii[..space];
            }
        }

        return ascii[..columns].TrimEnd();
    }

    /// <summary>Maps every character to what the LCD's ROM shows for it (see the type's summary).</summary>
    public static string ToAscii(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? mapped = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? replacement = c switch
            {
                _ when char.IsControl(c) || char.IsWhiteSpace(c) => c == ' ' ? null : " ",
                _ when Map.TryGetValue(c, out var letters) => letters,
                _ when c is < ' ' or > '}' => "?",
                _ => null,
            };
            if (replacement is null)
            {
                mapped?.Append(c);
                continue;
            }

            mapped ??= new StringBuilder(text.Length + 8).Append(text, 0, i);
            mapped.Append(replacement);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // one '?' for a character outside the BMP (an emoji), not two
            }
        }

        return mapped?.ToString() ?? text;
    }

    private static Dictionary<char, string> BuildMap()
    {
        var map = new Dictionary<char, string>();
        foreach (var (from, to) in Letters)
        {
            foreach (var c in from)
            {
                map[c] = to;
            }
        }

        return map;
    }
}
