using System.Globalization;
using System.Text.Json.Nodes;
using CallSync.Testing.Processes;

namespace CallSync.Testing.Peers.Hub;

/// <summary>callsync-hub as a child process (see <see cref="BuiltProgram"/> for which binary runs).</summary>
public static class HubProcess
{
    /// <summary>The administrator <see cref="WriteConfig"/> sets up.</summary>
    public const string AdminUser = "admin";

    /// <summary>Its password.</summary>
    public const string AdminPassword = "admin-password";

    /// <summary>Starts the hub with the configuration file at <paramref name="configPath"/>.</summary>
    public static ChildProcess Start(string configPath) => Start(["--config", configPath]);

    /// <summary>Starts the hub with <paramref name="arguments"/> ("--Http:Urls=...") in <paramref name="workingDirectory"/>.</summary>
    public static ChildProcess Start(IReadOnlyList<string> arguments, string? workingDirectory = null) =>
        ChildProcess.Start(BuiltProgram.Options("callsync-hub", arguments) with { WorkingDirectory = workingDirectory });

    /// <summary>
    /// Writes <c>hub.json</c> in <paramref name="directory"/>: HTTP on <paramref name="url"/>, SQLite in
    /// <c>hub-data</c> beside it, the embedded broker on 127.0.0.1:<paramref name="mqttPort"/>, a fixed token secret,
    /// <see cref="AdminUser"/> with <see cref="AdminPassword"/>. <paramref name="change"/> may add sections
    /// (Recordings, Web...). Returns the file's path.
    /// </summary>
    public static string WriteConfig(string directory, Uri url, int mqttPort, Action<JsonObject>? change = null)
    {
        var json = new JsonObject
        {
            ["Http"] = new JsonObject { ["Urls"] = url.ToString().TrimEnd('/') },
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["DataDir"] = Path.Combine(directory, "hub-data") },
            ["Mqtt"] = new JsonObject { ["Embedded"] = true, ["EmbeddedAddress"] = "127.0.0.1", ["EmbeddedPort"] = mqttPort },
            ["Security"] = new JsonObject { ["TokenSecret"] = "Hx7-Lq2mRv9Tz4pWk8Nb3Yc6Jd1Fs5Ga0Q", ["PasswordIterations"] = 100_000 },
            ["Admin"] = new JsonObject { ["User"] = AdminUser, ["Password"] = AdminPassword },
        };
        change?.Invoke(json);
        var path = Path.Combine(directory, "hub.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>The hub's URL on 127.0.0.1 and <paramref name="port"/>.</summary>
    public static Uri Url(int port) => new("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
}
