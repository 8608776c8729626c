using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CallSync.Control;

using CallSync.Interop.Tests.Legacy;

namespace CallSync.Interop.Tests;

/// <summary>
/// The whole remote-dial loop with real processes: the phone enrolls with a one-time code through its control socket
/// (what <c>callsync enroll URL CODE</c> sends), an app user asks callsync-hub (SQLite, embedded broker) to dial, the
/// hub signs the command, callsync-agent places a real SIP call to a sipp uas, and the hub reports <c>succeeded</c>
/// (a reply signed by the phone) with the record id of the call record it then ingested.
/// </summary>
[Trait("Category", "Interop")]
public sealed class HubDialTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSetup _setup = new();
    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task DialThroughHubApi_SippAnswers_HubReportsSucceededWithIngestedRecord()
    {
        var httpPort = FreePort.Next();
        var mqttPort = FreePort.Next();
        var hubUrl = $"http://127.0.0.1:{httpPort}";
        var hubConfig = Path.Combine(_setup.Directory, "hub.json");
        File.WriteAllText(hubConfig, new JsonObject
        {
            ["Http"] = new JsonObject { ["Urls"] = hubUrl },
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["DataDir"] = Path.Combine(_setup.Directory, "hub-data") },
            ["Mqtt"] = new JsonObject { ["Embedded"] = true, ["EmbeddedAddress"] = "127.0.0.1", ["EmbeddedPort"] = mqttPort },
            ["Security"] = new JsonObject { ["TokenSecret"] = "Hx7-Lq2mRv9Tz4pWk8Nb3Yc6Jd1Fs5Ga0Q", ["PasswordIterations"] = 100_000 },
            ["Admin"] = new JsonObject { ["User"] = "admin", ["Password"] = "admin-password" },
        }.ToJsonString());
        using var hub = HubProcess.Start(hubConfig);
        using var api = new HubApi(new Uri(hubUrl));
        Assert.True(await HubApi.WaitAsync(async () => await api.StatusAsync("/healthz") == HttpStatusCode.OK), "hub did not start\n" + hub.Output);

        var admin = await api.TokenAsync("admin", "admin-password");
        var code = await api.RegisterDeviceAsync(admin, "desk-interop", "1001");
        await api.SendAsync(admin, HttpMethod.Post, "/api/v1/admin/users", new JsonObject { ["userId"] = "alice", ["password"] = "alice-password", ["role"] = "user", ["numberPatterns"] = new JsonArray() }, HttpStatusCode.Created);
        await api.SendAsync(admin, HttpMethod.Post, "/api/v1/admin/bindings/alice/desk-interop/approve", new JsonObject { ["canDial"] = true }, HttpStatusCode.Created);
        var alice = await api.TokenAsync("alice", "alice-password");

        var sippPort = FreePort.Next();
        using var far = PeerProcess.Start("sipp", _setup.Directory,
            "-sn", "uas", "-i", "127.0.0.1", "-p", sippPort.ToString(CultureInfo.InvariantCulture),
            "-mp", FreePort.RtpRange(4).ToString(CultureInfo.InvariantCulture), "-m", "1", "-nostdin");
        var config = _setup.WriteConfig(json => json["Sip"]!["Domain"] = $"127.0.0.1:{sippPort}");
        using var agent = AgentProcess.Start("--config", config);
        Assert.True(agent.WaitForLine("Ready.", Patience), agent.Output);
        var enrolled = await ControlClient.SendAsync(_setup.ControlSocket, new ControlRequest("enroll", [hubUrl, code]), CancellationToken.None);
        Assert.True(enrolled.Exit == ControlExit.Ok, enrolled.Text + "\n" + agent.Output);
        Assert.True(await HubApi.WaitAsync(async () => (await api.GetAsync(admin, "/api/v1/devices/desk-interop"))["online"]?.GetValue<bool>() == true),
            "the hub never saw the phone online\n" + agent.Output);

        var dial = await api.SendAsync(alice, HttpMethod.Post, "/api/v1/devices/desk-interop/dial", new JsonObject { ["number"] = "2002" }, HttpStatusCode.Accepted);
        var requestId = dial["requestId"]!.GetValue<string>();

        // sipp's built-in uas answers and then waits for the caller's BYE: the desk phone's user hangs up.
        Assert.True(agent.WaitForLine("Recording ", Patience), agent.Output);
        var hangup = await ControlClient.SendAsync(_setup.ControlSocket, new ControlRequest("hangup", []), CancellationToken.None);
        Assert.True(hangup.Exit == ControlExit.Ok, hangup.Text);
        JsonNode? final = null;
        Assert.True(await HubApi.WaitAsync(async () =>
        {
            final = await api.GetAsync(alice, "/api/v1/dials/" + requestId);
            return final["status"]!.GetValue<string>() is not ("sent" or "accepted");
        }), "the dial never finished\n" + agent.Output);
        Assert.True(final!["status"]!.GetValue<string>() == "succeeded", final.ToJsonString() + "\n" + agent.Output);
        var recordId = final["recordId"]!.GetValue<string>();

        // sipp took exactly the one call; the record it names reached the hub over MQTT and alice may read it.
        var sippExit = far.WaitForExit(Patience);
        Assert.True(sippExit == 0, $"sipp exited {sippExit}:\n{far.Output}\n{agent.Output}");
        Assert.True(await HubApi.WaitAsync(async () => await api.StatusAsync("/api/v1/records/" + recordId, alice) == HttpStatusCode.OK), "record not ingested");
        var record = await api.GetAsync(alice, "/api/v1/records/" + recordId);
        Assert.Equal("outgoing", record["direction"]!.GetValue<string>());
        Assert.Equal("answered", record["result"]!.GetValue<string>());
        Assert.Equal("2002", record["remoteNumber"]!.GetValue<string>());
        Assert.Equal(requestId, record["record"]!["origin"]!["commandId"]!.GetValue<string>());
    }

    /// <summary>callsync-hub as its own process, from the build output next to the tests.</summary>
    private static class HubProcess
    {
        public static PeerProcess Start(string config) =>
            PeerProcess.Start("dotnet", null, Path.Combine(AppContext.BaseDirectory, "callsync-hub.dll"), "--config", config);
    }
}
