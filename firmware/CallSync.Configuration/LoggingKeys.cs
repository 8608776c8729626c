using Microsoft.Extensions.Logging;

namespace CallSync.Configuration;

/// <summary>
/// The <c>Logging</c> section both programs accept: log levels per category. The levels are validated here and
/// applied as filters by the program, so a bad level is a configuration error (exit 2), never an exception from
/// the logging library at the first log line.
/// </summary>
public static class LoggingKeys
{
    /// <summary>The section.</summary>
    public static readonly ConfigSection Section = new("Logging",
        "Log levels per category, as in .NET: `\"Logging\": { \"LogLevel\": { \"Default\": \"Information\", \"CallSync.Sip\": \"Debug\" } }`. " +
        "`Default` applies to every category without a level of its own; the longest matching category prefix wins.");

    /// <summary><c>Logging:LogLevel:&lt;category&gt;</c>.</summary>
    public static readonly ConfigMapKey<string, LogLevel> LogLevel = Section.Map("LogLevel", "<category>",
        ConfigValues.Text("`Default` or a category name prefix such as `CallSync.Sip`"),
        ConfigValues.LogLevel(),
        "the lowest level written for the category", defaultText: "`Default`: `Information`");

    /// <summary>The configured levels, by category (<c>Default</c> included when set).</summary>
    public static IReadOnlyDictionary<string, LogLevel> Read(ConfigReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.Get(LogLevel).ToDictionary(e => e.Name, e => e.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Applies <paramref name="levels"/> as filters (<c>Default</c> for every category), after the program's own.</summary>
    public static void Apply(ILoggingBuilder logging, IReadOnlyDictionary<string, LogLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var (category, level) in levels)
        {
            logging.AddFilter(category.Equals("Default", StringComparison.OrdinalIgnoreCase) ? null : category, level);
        }
    }
}
