using Microsoft.Extensions.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>
/// Layers the hub's configuration: the JSON file named by <c>--config FILE</c>, then environment variables
/// <c>CALLSYNC_HUB_&lt;Section&gt;__&lt;Key&gt;</c>, then <c>--Section:Key=value</c> on the command line.
/// </summary>
internal static class HubConfigurationLoader
{
    public const string EnvironmentPrefix = "CALLSYNC_HUB_";

    public static bool TryLoad(IReadOnlyList<string> args, out IConfigurationRoot configuration, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = new ConfigurationBuilder();
        var rest = new List<string>(args.Count);
        error = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? file = null;
            if (arg is "--config" or "-c")
            {
                if (i + 1 >= args.Count)
                {
                    error = "invalid command line: --config needs a FILE";
                    configuration = builder.Build();
                    return false;
                }

                file = args[++i];
            }
            else if (arg.StartsWith("--config=", StringComparison.Ordinal))
            {
                file = arg["--config=".Length..];
            }
            else
            {
                rest.Add(arg);
                continue;
            }

            if (!File.Exists(file))
            {
                error = $"invalid command line: --config = '{file}': expected an existing JSON file";
                configuration = builder.Build();
                return false;
            }

            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine([.. rest]);
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException ex)
        {
            error = $"invalid configuration file: {ex.Message}";
            configuration = new ConfigurationBuilder().Build();
            return false;
        }
        catch (FormatException ex)
        {
            error = $"invalid command line: {ex.Message}";
            configuration = new ConfigurationBuilder().Build();
            return false;
        }

        return true;
    }
}
