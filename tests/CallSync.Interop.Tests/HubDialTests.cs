using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CallSync.Control;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Hub;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Waiting;

namespace CallSync.Interop.Tests;

/// <summary>
/// The whole remote-dial loop with real processes: an app user asks callsync-hub (SQLite, embedded broker) to dial,
/// the hub signs the command, callsync-agent places a real SIP call to a sipp uas, and the hub reports
/// <c>succeeded</c> with the record id of the call record it then ingested.
/// </summary>
[Trait("Category", "Interop")]
public sealed class HubDialTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSandbox _setup = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public void Dispose()
    {
        _http.Dispose();
        _setup.Dispose();
    }

    [Fact]
    public async Task DialThroughHubApi_SippAnswers_HubReportsSucceededWithIngestedRecord()
    {
        var httpPort = FreePort.Tcp();
        var mqttPort = FreePort.Tcp();
        var hubUrl = $"http://127.0.0.1:{httpPort}";
        var hubConfig = Path.Combine(_setup.Directory, "hub.json");
        File.WriteAllText(hubConfig, new JsonObject
        {
            ["Http"] = new JsonObject { ["Urls"] = hubUrl },
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["ConnectionString"] = $"Data Source={Path.Combine(_setup.Directory, "hub.db")}" },
            ["Mqtt"] = new JsonObject { ["Embedded"] = true, ["EmbeddedAddress"] = "127.0.0.1", ["EmbeddedPort"] = mqttPort },
            ["Security"] = new JsonObject { ["TokenSecret"] = "Hx7-Lq2mRv9Tz4pWk8Nb3Yc6Jd1Fs5Ga0Q", ["PasswordIterations"] = 100_000 },
            ["Admin"] = new JsonObject { ["User"] = "admin", ["Password"] = "admin-password" },
        }.ToJsonString());
        using var hub = HubProcess.Start(hubConfig);
        _http.BaseAddress = new Uri(hubUrl);
        await WaitAsync(async () => (await TryGetAsync("/healthz")) == HttpStatusCode.OK, () => "the hub to start\n" + hub.Describe());

        var key = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
        var admin = await TokenAsync("admin", "admin-password");
        await SendAsync(admin, HttpMethod.Put, "/api/v1/admin/devices/desk-interop", new JsonObject { ["deskNumber"] = "1001", ["provisioningKey"] = key, ["attestationKey"] = null }, HttpStatusCode.NoContent);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/users", new JsonObject { ["userId"] = "alice", ["password"] = "alice-password", ["role"] = "user", ["numberPatterns"] = new JsonArray() }, HttpStatusCode.Created);
        await SendAsync(admin, HttpMethod.Post, "/api/v1/admin/bindings/alice/desk-interop/approve", new JsonObject { ["canDial"] = true }, HttpStatusCode.Created);
        var alice = await TokenAsync("alice", "alice-password");

        using var far = SippProcess.Start(new SippOptions { WorkingDirectory = _setup.Directory, Scenario = "uas" });
        var sippPort = far.Port;
        var config = _setup.WriteConfig(json =>
        {
            json["Device"]!["ProvisioningKey"] = key;
            json["Sip"]!["Domain"] = $"127.0.0.1:{sippPort}";
            json["Mqtt"] = new JsonObject { ["Url"] = $"mqtt://127.0.0.1:{mqttPort}" };
        });
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        await WaitAsync(async () => (await GetAsync(admin, "/api/v1/devices/desk-interop"))["online"]?.GetValue<bool>() == true,
            () => "the hub to see the phone online\n" + agent.Describe());

        var dial = await SendAsync(alice, HttpMethod.Post, "/api/v1/devices/desk-interop/dial", new JsonObject { ["number"] = "2002" }, HttpStatusCode.Accepted);
        var requestId = dial["requestId"]!.GetValue<string>();

        // sipp's built-in uas answers and then waits for the caller's BYE: the desk phone's user hangs up.
        agent.WaitForLine("Recording ", Patience);
        var hangup = await _setup.ControlAsync("hangup");
        Assert.True(hangup.Exit == ControlExit.Ok, hangup.Text);
        JsonNode? final = null;
        await WaitAsync(
            async () =>
            {
                final = await GetAsync(alice, "/api/v1/dials/" + requestId);
                return final["status"]!.GetValue<string>() is not ("sent" or "accepted");
            },
            () => "the dial to finish\n" + agent.Describe());
        Assert.True(final!["status"]!.GetValue<string>() == "succeeded", final.ToJsonString() + "\n" + agent.Describe());
        var recordId = final["recordId"]!.GetValue<string>();

        // sipp took exactly the one call; the record it names reached the hub over MQTT and alice may read it.
        Assert.Equal(0, far.WaitForExit(Patience));
        await WaitAsync(async () => (await TryGetAsync("/api/v1/records/" + recordId, alice)) == HttpStatusCode.OK, () => "the record to be ingested");
        var record = await GetAsync(alice, "/api/v1/records/" + recordId);
        Assert.Equal("outgoing", record["direction"]!.GetValue<string>());
        Assert.Equal("answered", record["result"]!.GetValue<string>());
        Assert.Equal("2002", record["remoteNumber"]!.GetValue<string>());
        Assert.Equal(requestId, record["record"]!["origin"]!["commandId"]!.GetValue<string>());
    }

    /// <summary>Polls the hub (bounded), taking a refused connection as "not yet".</summary>
    private static Task WaitAsync(Func<Task<bool>> condition, Func<string> what) => Eventually.UntilAsync(
        async () =>
        {
            try
            {
                return await condition();
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        },
        Patience,
        what);

    private async Task<HttpStatusCode> TryGetAsync(string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> TokenAsync(string user, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/auth/token", new JsonObject { ["userId"] = user, ["password"] = password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>();
    }

    private async Task<JsonNode> GetAsync(string token, string path) => await SendAsync(token, HttpMethod.Get, path, null, HttpStatusCode.OK);

    private async Task<JsonNode> SendAsync(string token, HttpMethod method, string path, JsonNode? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
