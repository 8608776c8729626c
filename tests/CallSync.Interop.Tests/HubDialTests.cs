using System.Net;
using System.Text.Json.Nodes;
using CallSync.Control;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Hub;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Waiting;

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
    private static readonly TimeSpan Patience = HubApi.Patience;
    private readonly AgentSandbox _setup = new();
    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task DialThroughHubApi_SippAnswers_HubReportsSucceededWithIngestedRecord()
    {
        var hubUrl = HubProcess.Url(FreePort.Tcp());
        using var hub = HubProcess.Start(HubProcess.WriteConfig(_setup.Directory, hubUrl, FreePort.Tcp()));
        using var api = new HubApi(hubUrl);
        await api.WaitUntilServingAsync(hub);

        var admin = await api.TokenAsync(HubProcess.AdminUser, HubProcess.AdminPassword);
        var code = await api.RegisterDeviceAsync(admin, "desk-interop", "1001");
        await api.SendAsync(admin, HttpMethod.Post, "/api/v1/admin/users", new JsonObject { ["userId"] = "alice", ["password"] = "alice-password", ["role"] = "user", ["numberPatterns"] = new JsonArray() }, HttpStatusCode.Created);
        await api.SendAsync(admin, HttpMethod.Post, "/api/v1/admin/bindings/alice/desk-interop/approve", new JsonObject { ["canDial"] = true }, HttpStatusCode.Created);
        var alice = await api.TokenAsync("alice", "alice-password");

        using var far = SippProcess.Start(new SippOptions { WorkingDirectory = _setup.Directory, Scenario = "uas" });
        var config = _setup.WriteConfig(json => json["Sip"]!["Domain"] = $"127.0.0.1:{far.Port}");
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        var enrolled = await _setup.ControlAsync("enroll", hubUrl.ToString().TrimEnd('/'), code);
        Assert.True(enrolled.Exit == ControlExit.Ok, enrolled.Text + "\n" + agent.Describe());
        await Eventually.UntilAsync(
            async () => (await api.GetAsync(admin, "/api/v1/devices/desk-interop"))["online"]?.GetValue<bool>() == true,
            Patience, () => "the hub to see the phone online: " + agent.Describe());

        var dial = await api.SendAsync(alice, HttpMethod.Post, "/api/v1/devices/desk-interop/dial", new JsonObject { ["number"] = "2002" }, HttpStatusCode.Accepted);
        var requestId = dial["requestId"]!.GetValue<string>();

        // sipp's built-in uas answers and then waits for the caller's BYE: the desk phone's user hangs up.
        agent.WaitForLine("Recording ", Patience);
        var hangup = await _setup.ControlAsync("hangup");
        Assert.True(hangup.Exit == ControlExit.Ok, hangup.Text);
        JsonNode? final = null;
        await Eventually.UntilAsync(
            async () =>
            {
                final = await api.GetAsync(alice, "/api/v1/dials/" + requestId);
                return final["status"]!.GetValue<string>() is not ("sent" or "accepted");
            },
            Patience, () => "the dial to finish: " + final?.ToJsonString() + "\n" + agent.Describe());
        Assert.True(final!["status"]!.GetValue<string>() == "succeeded", final.ToJsonString() + "\n" + agent.Describe());
        var recordId = final["recordId"]!.GetValue<string>();

        // sipp took exactly the one call; the record it names reached the hub over MQTT and alice may read it.
        var sippExit = far.WaitForExit(Patience);
        Assert.True(sippExit == 0, $"sipp exited {sippExit}: {far.Describe()}\n{agent.Describe()}");
        await Eventually.UntilAsync(
            async () => await api.StatusAsync("/api/v1/records/" + recordId, alice) == HttpStatusCode.OK,
            Patience, "record " + recordId + " ingested");
        var record = await api.GetAsync(alice, "/api/v1/records/" + recordId);
        Assert.Equal("outgoing", record["direction"]!.GetValue<string>());
        Assert.Equal("answered", record["result"]!.GetValue<string>());
        Assert.Equal("2002", record["remoteNumber"]!.GetValue<string>());
        Assert.Equal(requestId, record["record"]!["origin"]!["commandId"]!.GetValue<string>());
    }
}
