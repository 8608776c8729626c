using System.Diagnostics.CodeAnalysis;
using CallSync.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>
/// Layers the hub's configuration: the JSON file named by <c>--config FILE</c>, then environment variables
/// <c>CALLSYNC_HUB_&lt;Section&gt;__&lt;Key&gt;</c>, then <c>--Section:Key=value</c> on the command line.
/// </summary>
internal static class HubConfigurationLoader
{
    public const string EnvironmentPrefix = "CALLSYNC_HUB_";

    /// <summary>Builds the layers from a command line; false with one line saying what is wrong.</summary>
    public static bool TryLoad(IReadOnlyList<string> args, [NotNullWhen(true)] out IConfigurationRoot? configuration, out string error)
    {
        configuration = null;
        return ConfigCommand.TryParse(args, out var command, out error) && TryLoad(command, out configuration, out error);
    }

    /// <summary>Builds the layers of a parsed command; false with one line saying what is wrong.</summary>
    public static bool TryLoad(ConfigCommand command, [NotNullWhen(true)] out IConfigurationRoot? configuration, out string error)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ConfigSources.TryBuild(command.File, EnvironmentPrefix, command.Switches, out configuration, out error);
    }
}
