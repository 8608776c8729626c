using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CallSync.Control;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Hub;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;
using PuppeteerSharp;

namespace CallSync.Interop.Tests.Web;

/// <summary>
/// The web app in a real browser (Debian's headless Chromium) against callsync-hub serving the published app and a
/// real callsync-agent calling a sipp uas: binding approval seen live, a dial from the page to <c>succeeded</c>, the
/// new record appearing live in the call log, the recording uploaded in resumable chunks and played by the audio
/// element, and an unbound user kept out. Needs the app published to <c>out/web</c> (<c>make build</c> or <c>make test</c>).
/// </summary>
[Trait("Category", "Interop")]
public sealed class WebAppBrowserTests : IDisposable
{
    private const string Device = "desk-interop";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSandbox _setup = new();

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task WebApp_BindDialUploadPlay_SalespersonSeesItLiveAndOthersSeeNothing()
    {
        var webRoot = Path.Combine(AppPage.RepositoryRoot, "out", "web", "wwwroot");
        Assert.True(File.Exists(Path.Combine(webRoot, "index.html")), $"the web app is not published in {webRoot}: run make build");
        var hubUrl = HubProcess.Url(FreePort.Tcp());
        using var hub = StartHub(hubUrl, FreePort.Tcp(), webRoot);
        using var api = new HubApi(hubUrl);
        await api.WaitUntilServingAsync(hub);

        var admin = await api.TokenAsync(HubProcess.AdminUser, HubProcess.AdminPassword);
        var code = await api.RegisterDeviceAsync(admin, Device, "1001");
        foreach (var user in new[] { "alice", "bob" })
        {
            await api.SendAsync(admin, HttpMethod.Post, "/api/v1/admin/users", new JsonObject { ["userId"] = user, ["password"] = user + "-password", ["role"] = "user", ["numberPatterns"] = new JsonArray() }, HttpStatusCode.Created);
        }

        using var far = SippProcess.Start(new SippOptions { WorkingDirectory = _setup.Directory, Scenario = "uas" });
        var config = _setup.WriteConfig(json => json["Sip"]!["Domain"] = $"127.0.0.1:{far.Port}");
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        // The phone enrolls with the one-time code, as a technician would: the hub issues its broker credentials and key.
        var enrolled = await _setup.ControlAsync("enroll", hubUrl.ToString().TrimEnd('/'), code);
        Assert.True(enrolled.Exit == ControlExit.Ok, enrolled.Text + "\n" + agent.Describe());

        await using var chromium = await HeadlessChromium.LaunchAsync();

        // alice asks for desk 1001; her number patterns do not cover it, so an admin must approve.
        var alice = await chromium.NewUserPageAsync();
        await AppPage.SignInAsync(alice, hubUrl, "alice", "alice-password");
        await alice.WaitForSelectorAsync(".state.empty");
        await alice.TypeAsync("#deskNumber", "1001");
        await alice.Keyboard.PressAsync("Tab");
        await alice.ClickAsync("button[type=submit]");
        await alice.WaitForSelectorAsync($"li.phone[data-device='{Device}']");
        Assert.Contains("waiting for an admin", await AppPage.TextAsync(alice, $"li.phone[data-device='{Device}']"), StringComparison.Ordinal);

        var adminPage = await chromium.NewUserPageAsync();
        await AppPage.SignInAsync(adminPage, hubUrl, HubProcess.AdminUser, HubProcess.AdminPassword);
        await adminPage.GoToAsync(new Uri(hubUrl, "admin/bindings").ToString());
        var approve = $"button[aria-label='Approve alice on {Device} with dialling']";
        await adminPage.WaitForSelectorAsync(approve);
        await AppPage.ScreenshotsAsync(adminPage, "admin-bindings");
        await adminPage.ClickAsync(approve);
        await adminPage.WaitForSelectorAsync(".state.empty");

        // alice's page shows the approval without a reload, and then the phone online.
        await AppPage.WaitForAsync(alice, "d => document.querySelector(`li.phone[data-device='${d}'] .title`)?.textContent === 'Desk 1001'", Device);
        await AppPage.WaitForAsync(alice, "d => document.querySelector(`li.phone[data-device='${d}']`)?.textContent.includes('online')", Device);
        await AppPage.ScreenshotsAsync(alice, "my-phones");

        // A second tab on the call log, empty for now: the call made below must appear there by itself.
        var log = await HeadlessChromium.NewPageAsync(alice.BrowserContext);
        await log.GoToAsync(new Uri(hubUrl, "calls").ToString());
        await log.WaitForSelectorAsync(".state.empty");

        // A tab in the background gets no rendering frames (clicks would wait for one): bring the one in use forward.
        await alice.BringToFrontAsync();
        await alice.GoToAsync(new Uri(hubUrl, "dial").ToString());
        await alice.WaitForSelectorAsync($"#dial-phone option[value='{Device}']");
        await alice.TypeAsync("#dial-number", "2002");
        await alice.Keyboard.PressAsync("Tab");
        await alice.ClickAsync("button[type=submit]");
        await alice.WaitForSelectorAsync(".dial-status .badge");

        // sipp's uas answers and waits for the caller's BYE: the desk phone's user hangs up.
        // Two seconds of call, so the recording has something to play.
        agent.WaitForLine("Recording ", Patience);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var hangup = await _setup.ControlAsync("hangup");
        Assert.True(hangup.Exit == ControlExit.Ok, hangup.Text);
        var link = await alice.WaitForSelectorAsync("#dial-record");
        Assert.Equal("succeeded", await AppPage.TextAsync(alice, ".dial-status .badge"));
        var recordId = (await link.EvaluateFunctionAsync<string>("a => a.getAttribute('href')"))["calls/".Length..];
        await AppPage.ScreenshotsAsync(alice, "dial-succeeded");
        Assert.Equal(0, far.WaitForExit(Patience));

        await log.WaitForSelectorAsync($"li.call[data-record='{recordId}']");
        await AppPage.ScreenshotsAsync(log, "call-log");

        await UploadRecordingAsync(api, await api.TokenAsync("alice", "alice-password"), recordId);

        await alice.BringToFrontAsync();
        await alice.GoToAsync(new Uri(hubUrl, "calls/" + recordId).ToString());
        await alice.WaitForSelectorAsync("#recording-audio");
        // preload="metadata" stops at HAVE_METADATA: ask for the audio itself, then wait for canplay and play it.
        var played = await alice.EvaluateFunctionAsync<string>("""
            async () => {
              const audio = document.getElementById('recording-audio');
              const within = (ms, promise) => Promise.race([promise, new Promise(r => setTimeout(() => r(false), ms))]);
              const canplay = new Promise(r => {
                audio.addEventListener('canplay', () => r(true), { once: true });
                audio.addEventListener('error', () => r(false), { once: true });
              });
              audio.preload = 'auto';
              audio.load();
              if (!await within(30000, canplay)) {
                return `no canplay: readyState ${audio.readyState}, networkState ${audio.networkState}, error ${audio.error?.code} ${audio.error?.message}`;
              }
              audio.muted = true;
              try { await audio.play(); } catch (e) { return 'play refused: ' + e; }
              const advanced = new Promise(r => { const tick = () => audio.currentTime >= 1 ? r(true) : setTimeout(tick, 50); tick(); });
              if (!await within(30000, advanced)) {
                return `stuck at ${audio.currentTime} s of ${audio.duration} s, paused ${audio.paused}, ended ${audio.ended}`;
              }
              audio.pause();
              return 'played';
            }
            """);
        Assert.Equal("played", played);
        await AppPage.ScreenshotsAsync(alice, "call-detail");

        // bob is bound to nothing: an empty call log, and the record and its recording refused by URL.
        var bob = await chromium.NewUserPageAsync();
        await AppPage.SignInAsync(bob, hubUrl, "bob", "bob-password");
        await bob.GoToAsync(new Uri(hubUrl, "calls").ToString());
        await bob.WaitForSelectorAsync(".state.empty");
        await bob.GoToAsync(new Uri(hubUrl, "calls/" + recordId).ToString());
        await bob.WaitForSelectorAsync("[role=alert]");
        var bobToken = await api.TokenAsync("bob", "bob-password");
        Assert.Equal(HttpStatusCode.Forbidden, await api.StatusAsync("/api/v1/records/" + recordId, bobToken));
        Assert.Equal(HttpStatusCode.Forbidden, await api.StatusAsync($"/api/v1/records/{recordId}/recording", bobToken));
        Assert.Equal(HttpStatusCode.Forbidden, await api.StatusAsync($"/api/v1/records/{recordId}/recording/status", bobToken));

        var audit = (await api.GetAsync(admin, "/api/v1/admin/audit")).ToJsonString();
        Assert.Contains("\"recording-upload\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"recording-play\"", audit, StringComparison.Ordinal);
    }

    /// <summary>
    /// Uploads the agent's recording of the call as the mobile would: a corrupted copy is refused with a reason, an
    /// upload interrupted after its first chunk resumes from the offset the hub reports.
    /// </summary>
    private async Task UploadRecordingAsync(HubApi api, string token, string recordId)
    {
        var record = await api.GetAsync(token, "/api/v1/records/" + recordId);
        var bytes = record["record"]!["recording"]!["bytes"]!.GetValue<long>();
        var path = Path.Combine(_setup.RecordingsDirectory, recordId + ".opus");
        await Eventually.UntilAsync(() => File.Exists(path) && new FileInfo(path).Length == bytes, Patience, $"{path} to reach {bytes} bytes");
        var file = await File.ReadAllBytesAsync(path);
        Assert.Equal(record["record"]!["recording"]!["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(file)));

        var corrupted = file.ToArray();
        corrupted[^10] ^= 0x55;
        var (status, body) = await api.UploadChunkAsync(token, recordId, corrupted, 0, corrupted.Length);
        Assert.True(status == HttpStatusCode.UnprocessableEntity && body.Contains("SHA-256", StringComparison.OrdinalIgnoreCase), $"{(int)status} {body}");

        var half = file.Length / 2;
        (status, body) = await api.UploadChunkAsync(token, recordId, file, 0, half);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        var progress = await api.GetAsync(token, $"/api/v1/records/{recordId}/recording/status");
        Assert.Equal("partial", progress["state"]!.GetValue<string>());
        var offset = progress["offset"]!.GetValue<long>();
        Assert.Equal(half, offset);
        (status, body) = await api.UploadChunkAsync(token, recordId, file, (int)offset, file.Length - (int)offset);
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {body}");
    }

    private ChildProcess StartHub(Uri url, int mqttPort, string webRoot) =>
        HubProcess.Start(HubProcess.WriteConfig(_setup.Directory, url, mqttPort, json =>
        {
            json["Recordings"] = new JsonObject { ["Upload"] = "allowed", ["Directory"] = _setup.File("hub-recordings") };
            json["Web"] = new JsonObject { ["Root"] = webRoot };
        }));
}
