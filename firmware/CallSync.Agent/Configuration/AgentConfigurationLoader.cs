using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>
/// Layers the agent's configuration: the JSON file named by <c>--config</c>, then environment variables
/// <c>CALLSYNC_Section__Key</c>, then command-line switches <c>--Section:Key=value</c>; later layers win.
/// </summary>
public static class AgentConfigurationLoader
{
    /// <summary>Where the agent looks when no <c>--config</c> is given.</summary>
    public const string DefaultConfigPath = "/etc/callsync/agent.json";

    /// <summary>The prefix of environment variables that override keys.</summary>
    public const string EnvironmentPrefix = "CALLSYNC_";

    /// <summary>Builds the configuration.</summary>
    /// <exception cref="StartupError">The file is missing, unreadable or not valid JSON, or an argument is malformed.</exception>
    public static IConfigurationRoot Load(IReadOnlyList<string> args, out string configPath)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>();
        configPath = DefaultConfigPath;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--config" or "-c")
            {
                configPath = i + 1 < args.Count ? args[++i] : throw new StartupError("usage: --config needs a file path");
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                configPath = args[i]["--config=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        configPath = Path.GetFullPath(configPath);
        CheckJson(configPath);
        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(configPath, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .AddCommandLine([.. rest])
                .Build();
        }
        catch (FormatException ex)
        {
            throw new StartupError($"usage: {ex.Message} (overrides look like --Sip:AutoAnswer=on)");
        }
    }

    // The JSON provider's own errors name neither line nor file clearly; check first with the same rules
    // (comments and trailing commas allowed) to give one precise line.
    private static void CheckJson(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new StartupError($"configuration: file {path} not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new StartupError($"configuration: file {path} not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new StartupError($"configuration: file {path} cannot be read (permission denied)");
        }
        catch (IOException ex)
        {
            throw new StartupError($"configuration: file {path} cannot be read ({ex.Message})");
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StartupError($"configuration: {path} must hold a JSON object");
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, column {ex.BytePositionInLine + 1}" : "";
            throw new StartupError($"configuration: {path} is not valid JSON{where}");
        }
    }
}
