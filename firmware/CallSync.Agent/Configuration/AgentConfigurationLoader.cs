using CallSync.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>
/// Layers the agent's configuration: the JSON file named by <c>--config</c>, then environment variables
/// <c>CALLSYNC_Section__Key</c>, then command-line switches <c>--Section:Key=value</c>; later layers win.
/// </summary>
internal static class AgentConfigurationLoader
{
    /// <summary>Where the agent looks when no <c>--config</c> is given.</summary>
    public const string DefaultConfigPath = "/etc/callsync/agent.json";

    /// <summary>The prefix of environment variables that override keys.</summary>
    public const string EnvironmentPrefix = "CALLSYNC_";

    /// <summary>Builds the configuration from a command line (<c>--config FILE</c> and overrides).</summary>
    /// <exception cref="StartupError">The file is missing, unreadable or not valid JSON, or an argument is malformed.</exception>
    public static IConfigurationRoot Load(IReadOnlyList<string> args, out string configPath)
    {
        if (!ConfigCommand.TryParse(args, out var command, out var usage))
        {
            throw new StartupError(usage);
        }

        configPath = Path.GetFullPath(command.File ?? DefaultConfigPath);
        return Load(configPath, command.Switches);
    }

    /// <summary>Builds the configuration from <paramref name="configPath"/>, the environment and <paramref name="switches"/>.</summary>
    /// <exception cref="StartupError">The file is missing, unreadable or not valid JSON, or a switch is malformed.</exception>
    public static IConfigurationRoot Load(string configPath, IReadOnlyList<string> switches) =>
        ConfigSources.TryBuild(configPath, EnvironmentPrefix, switches, out var configuration, out var error)
            ? configuration
            : throw new StartupError(error);
}
