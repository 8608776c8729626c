using System.Text.Json;

namespace CallSync.Flash.Boards;

/// <summary>Reads the agent's <c>callsync status --json</c> answer; never throws on it.</summary>
internal static class AgentStatusParser
{
    private const int MaxBytes = 64 * 1024;

    /// <summary>
    /// Healthy only when the answer says <c>"healthy": true</c>; otherwise the reason names the problems or what was
    /// wrong with the answer.
    /// </summary>
    public static (bool Healthy, string? Version, string Reason) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (false, null, "the agent gave no status (control socket down?)");
        }

        if (text.Length > MaxBytes)
        {
            return (false, null, $"status answer longer than {MaxBytes} characters");
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("healthy", out var healthy)
                || healthy.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (false, null, "status answer has no 'healthy' field (agent too old for the health gate?)");
            }

            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var problems = root.TryGetProperty("problems", out var p) && p.ValueKind == JsonValueKind.Array
                ? string.Join("; ", p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()))
                : "";
            return healthy.GetBoolean()
                ? (true, version, "healthy")
                : (false, version, problems.Length > 0 ? problems : "the agent reports itself unhealthy");
        }
        catch (JsonException)
        {
            return (false, null, $"status answer is not JSON: {Shorten(text)}");
        }
    }

    private static string Shorten(string text)
    {
        var line = text.Trim().Split('\n')[0];
        return line.Length > 200 ? line[..200] : line;
    }
}
