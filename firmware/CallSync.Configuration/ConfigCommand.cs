using System.Diagnostics.CodeAnalysis;

namespace CallSync.Configuration;

/// <summary>
/// A program's command line as far as configuration goes: <c>[--config FILE] [--Section:Key=value ...]</c>,
/// <c>--check-config FILE [--Section:Key=value ...]</c>, <c>--print-config-reference</c> or <c>--help</c>.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="File">The configuration file named, or null.</param>
/// <param name="Switches">The remaining arguments: key overrides.</param>
public sealed record ConfigCommand(ConfigCommandKind Kind, string? File, IReadOnlyList<string> Switches)
{
    /// <summary>Parses the arguments; false with a usage line when an option lacks its file or two modes are mixed.</summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out ConfigCommand? command, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        command = null;
        error = string.Empty;
        if (args is [var only] && only is "--help" or "-h" or "--print-config-reference")
        {
            command = new ConfigCommand(only == "--print-config-reference" ? ConfigCommandKind.PrintReference : ConfigCommandKind.Help, null, []);
            return true;
        }

        var kind = ConfigCommandKind.Run;
        string? file = null;
        var switches = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (option, value) = args[i].Split('=', 2) is [var name, var inline] ? (name, inline) : (args[i], null);
            var optionKind = option switch
            {
                "--config" or "-c" => ConfigCommandKind.Run,
                "--check-config" => ConfigCommandKind.Check,
                _ => (ConfigCommandKind?)null,
            };
            if (optionKind is not { } found)
            {
                switches.Add(args[i]);
                continue;
            }

            if (value is null && i + 1 < args.Count)
            {
                value = args[++i];
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                error = $"usage: {option} needs a file path";
                return false;
            }

            if (file is not null)
            {
                error = "usage: name one configuration file (--config FILE or --check-config FILE)";
                return false;
            }

            (kind, file) = (found, value);
        }

        command = new ConfigCommand(kind, file, switches);
        return true;
    }
}
