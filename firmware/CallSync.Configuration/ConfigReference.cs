using System.Text;

namespace CallSync.Configuration;

/// <summary>
/// Writes a schema as the Markdown reference in the docs (one table per section: key, what it accepts, default,
/// meaning), so the reference is produced from the same declarations the reader reads.
/// </summary>
public static class ConfigReference
{
    /// <summary>The start of the line before the generated reference in a document.</summary>
    public const string BeginMarker = "<!-- BEGIN generated configuration reference";

    /// <summary>The start of the line after it.</summary>
    public const string EndMarker = "<!-- END generated configuration reference";

    /// <summary>
    /// The generated part of <paramref name="document"/> (the lines between the markers, "\n" line ends), or null when
    /// the markers are missing: what a test compares with <see cref="Write"/> to find a stale document.
    /// </summary>
    public static string? Generated(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.ReplaceLineEndings("\n");
        var begin = text.IndexOf("\n" + BeginMarker, StringComparison.Ordinal);
        var start = begin < 0 ? -1 : text.IndexOf('\n', begin + 1);
        var end = start < 0 ? -1 : text.IndexOf("\n" + EndMarker, start, StringComparison.Ordinal);
        return end < 0 ? null : text[(start + 1)..(end + 1)];
    }

    /// <summary>The reference of every section, Markdown, with "\n" line ends.</summary>
    public static string Write(ConfigSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var text = new StringBuilder();
        foreach (var section in schema.Sections)
        {
            text.Append("### ").Append(section.Name).Append("\n\n");
            if (section.Doc.Length > 0)
            {
                text.Append(section.Doc).Append("\n\n");
            }

            text.Append("| key | accepts | default | meaning |\n|---|---|---|---|\n");
            foreach (var key in section.Keys)
            {
                text.Append("| `").Append(key.ReferenceName).Append("` | ")
                    .Append(Cell(key.Accepts)).Append(" | ")
                    .Append(Cell(key.DefaultText)).Append(" | ")
                    .Append(Cell(Meaning(key))).Append(" |\n");
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    private static string Meaning(ConfigKey key)
    {
        var meaning = key.Doc;
        if (key.IsReserved)
        {
            meaning = "**reserved** (validated, not acted upon yet): " + meaning;
        }

        return key.IsSecret ? meaning + " (a secret: never shown in messages or logs)" : meaning;
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
