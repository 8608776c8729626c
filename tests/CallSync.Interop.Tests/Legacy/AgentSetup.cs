using System.Text.Json.Nodes;

namespace CallSync.Interop.Tests.Legacy;

/// <summary>A temp directory with an agent config on free loopback ports: SIP on udp+tcp, a private RTP range.</summary>
internal sealed class AgentSetup : IDisposable
{
    public AgentSetup()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("callsync-interop-").FullName;
        SipPort = FreePort.Next();
        RtpMin = FreePort.RtpRange(40);
    }

    public string Directory { get; }

    public string DataPath => Path.Combine(Directory, "data");

    public string ControlSocket => Path.Combine(DataPath, "control.sock");

    public string RecordingsDir => Path.Combine(DataPath, "recordings");

    public int SipPort { get; }

    public int RtpMin { get; }

    /// <summary>Writes the config file; <paramref name="change"/> may add Mqtt, Registrar and so on.</summary>
    public string WriteConfig(Action<JsonObject>? change = null)
    {
        var json = new JsonObject
        {
            ["Device"] = new JsonObject { ["Id"] = "desk-interop", ["Number"] = "1001", ["DataDir"] = DataPath },
            ["Board"] = new JsonObject { ["Kind"] = "simulated", ["ControlInput"] = false },
            ["Sip"] = new JsonObject
            {
                ["Listen"] = new JsonArray($"udp:127.0.0.1:{SipPort}", $"tcp:127.0.0.1:{SipPort}"),
                ["AutoAnswer"] = "on",
            },
            ["Rtp"] = new JsonObject { ["PortMin"] = RtpMin, ["PortMax"] = RtpMin + 39 },
            ["Recording"] = new JsonObject { ["Enabled"] = true },
        };
        change?.Invoke(json);
        var path = Path.Combine(Directory, "agent.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a peer may still be releasing a file; the temp dir is left behind
        }
        catch (UnauthorizedAccessException)
        {
            // files chowned to a peer's user; the temp dir is left behind
        }
    }
}
