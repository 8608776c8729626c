using System.Text.Json;
using System.Text.Json.Nodes;
using CallSync.Contracts;
using CallSync.Control;
using CallSync.Testing.Files;
using CallSync.Testing.Ports;
using CallSync.Testing.Waiting;

namespace CallSync.Testing.Peers.Agent;

/// <summary>
/// A temp directory holding one agent's config and data directory, on free loopback ports (SIP on UDP and TCP, a
/// private RTP range), with helpers for its control socket and the call records it writes.
/// </summary>
public sealed class AgentSandbox : IDisposable
{
    /// <summary>Size of the agent's RTP port range.</summary>
    public const int RtpPorts = 40;

    private readonly TempDirectory _directory = new("callsync-agent-");

    public AgentSandbox()
    {
        SipPort = FreePort.TcpAndUdp();
        RtpMin = FreePort.UdpRange(RtpPorts);
    }

    public string Directory => _directory.Path;

    public string DataPath => _directory.File("data");

    public string ControlSocket => Path.Combine(DataPath, ControlProtocol.SocketFileName);

    public string RecordingsDirectory => Path.Combine(DataPath, "recordings");

    /// <summary>The agent's history of finished calls, one call record (JSON) per line.</summary>
    public string HistoryPath => Path.Combine(DataPath, "history.jsonl");

    public int SipPort { get; }

    public int RtpMin { get; }

    /// <summary>A path inside the sandbox.</summary>
    public string File(params string[] parts) => _directory.File(parts);

    /// <summary>The recording of the call with <paramref name="recordId"/>.</summary>
    public string RecordingPath(Guid recordId) => Path.Combine(RecordingsDirectory, recordId.ToString("D") + ".opus");

    /// <summary>
    /// Writes agent.json: device desk-interop (number 1001), the simulated board without console input, SIP on
    /// udp and tcp 127.0.0.1:<see cref="SipPort"/> auto-answering, the RTP range, recording on.
    /// <paramref name="change"/> may add Mqtt, Registrar and so on. Returns the file's path.
    /// </summary>
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
            ["Rtp"] = new JsonObject { ["PortMin"] = RtpMin, ["PortMax"] = RtpMin + RtpPorts - 1 },
            ["Recording"] = new JsonObject { ["Enabled"] = true },
        };
        change?.Invoke(json);
        var path = _directory.File("agent.json");
        System.IO.File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    /// <summary>One command over the agent's control socket (what <c>callsync</c> sends).</summary>
    public Task<ControlResponse> ControlAsync(string command, params string[] arguments) =>
        ControlClient.SendAsync(ControlSocket, new ControlRequest(command, arguments), CancellationToken.None);

    /// <summary>The call records written so far, as JSON (fields the contract does not have yet are kept).</summary>
    public IReadOnlyList<JsonObject> ReadRecordJson() =>
        System.IO.File.Exists(HistoryPath)
            ? [.. System.IO.File.ReadAllLines(HistoryPath).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())]
            : [];

    /// <summary>The call records written so far.</summary>
    public IReadOnlyList<CallRecord> ReadRecords() =>
        [.. ReadRecordJson().Select(r => r.Deserialize(CallSyncJsonContext.Default.CallRecord)!)];

    /// <summary>Waits until at least <paramref name="count"/> records are written; <paramref name="context"/> joins the failure message (the agent's output).</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForRecordsAsync(int count, TimeSpan timeout, Func<string> context)
    {
        IReadOnlyList<JsonObject> records = [];
        await Eventually.UntilAsync(
            () => (records = ReadRecordJson()).Count >= count,
            timeout,
            () => $"{count} call records ({records.Count} written)\n{context()}").ConfigureAwait(false);
        return records;
    }

    /// <summary>Waits for the record with <paramref name="recordId"/>.</summary>
    public async Task<CallRecord> WaitForRecordAsync(Guid recordId, TimeSpan timeout, Func<string> context)
    {
        CallRecord? found = null;
        await Eventually.UntilAsync(
            () => (found = ReadRecords().FirstOrDefault(r => r.RecordId == recordId)) is not null,
            timeout,
            () => $"record {recordId} in {HistoryPath}\n{context()}").ConfigureAwait(false);
        return found!;
    }

    public void Dispose() => _directory.Dispose();
}
