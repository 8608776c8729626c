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

    /// <summary><c>Logging:FloodLimit</c>.</summary>
    public static readonly ConfigKey<int> FloodLimit = Section.Add("FloodLimit", ConfigValues.Number(0, 1_000_000), 60,
        "lines of one kind (category and event id) written per minute, Information and above; past it they are only counted, " +
        "and the count is written with the next line of that kind. So a flood (bad datagrams, refused sign-ins) cannot fill the disk " +
        "or hide the next real error. `0`: every line is written");

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
