using System.Text.Json;

namespace CallSync.Control;

/// <summary>
/// Finds the agent's control socket the way the agent places it: Control:Socket, else
/// Device:DataDir/control.sock, else /var/lib/callsync/control.sock; CALLSYNC_ environment overrides win, as
/// they do for the agent.
/// </summary>
public static class ControlSocketLocator
{
    /// <summary>The socket path for the agent started with <paramref name="configPath"/>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="JsonException">The file is not JSON.</exception>
    public static string Locate(string configPath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var document = JsonDocument.Parse(File.ReadAllBytes(configPath), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var socket = environment("CALLSYNC_Control__Socket") ?? Find(document.RootElement, "Control", "Socket");
        if (!string.IsNullOrWhiteSpace(socket))
        {
            return socket;
        }

        var dataDir = environment("CALLSYNC_Device__DataDir") ?? Find(document.RootElement, "Device", "DataDir") ?? "/var/lib/callsync";
        return Path.Combine(dataDir, ControlProtocol.SocketFileName);
    }

    // Configuration keys are case-insensitive, as in the agent.
    private static string? Find(JsonElement root, string section, string key)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var s in root.EnumerateObject())
        {
            if (s.Name.Equals(section, StringComparison.OrdinalIgnoreCase) && s.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var k in s.Value.EnumerateObject())
                {
                    if (k.Name.Equals(key, StringComparison.OrdinalIgnoreCase) && k.Value.ValueKind == JsonValueKind.String)
                    {
                        return k.Value.GetString();
                    }
                }
            }
        }

        return null;
    }
}
