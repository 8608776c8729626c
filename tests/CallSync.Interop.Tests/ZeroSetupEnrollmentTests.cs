using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CallSync.Control;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Hub;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Waiting;

namespace CallSync.Interop.Tests;

/// <summary>
/// Issue 17's zero-setup path with real processes: callsync-hub started in an empty directory with no configuration
/// (only its two ports, which a shared test machine has to choose) sets itself up and prints a one-time admin password;
/// the admin registers a phone and gets a code; callsync-agent with that code in its configuration enrolls, makes a
/// call to a sipp uas, and the call record arrives at the hub. The used code is then refused with a reason.
/// </summary>
[Trait("Category", "Interop")]
public sealed partial class ZeroSetupEnrollmentTests : IDisposable
{
    private static readonly TimeSpan Patience = HubApi.Patience;
    private readonly AgentSandbox _setup = new();

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task Hub_EmptyDirectoryNoConfiguration_PhoneEnrollsWithCodeCallsAndRecordArrives()
    {
        var hubDir = Directory.CreateDirectory(_setup.File("empty")).FullName;
        var hubUrl = HubProcess.Url(FreePort.Tcp());
        using var hub = HubProcess.Start(["--Http:Urls=" + hubUrl.ToString().TrimEnd('/'), "--Mqtt:EmbeddedPort=" + FreePort.Tcp()], hubDir);
        hub.WaitForLine("One-time password", Patience);
        var password = OneTimePassword().Match(hub.Output).Groups[1].Value;
        using var api = new HubApi(hubUrl);
        await api.WaitUntilServingAsync(hub);

        var data = Path.Combine(hubDir, "callsync-hub-data");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "token-secret")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "broker-password")));
        Assert.True(File.Exists(Path.Combine(data, "hub.db")));
        Assert.Contains(data, hub.Output, StringComparison.Ordinal); // it says where
        Assert.Single(Regex.Matches(hub.Output, Regex.Escape(password)));

        var admin = await api.TokenAsync("admin", password);
        var code = await api.RegisterDeviceAsync(admin, "desk-interop", "1001");
        using var far = SippProcess.Start(new SippOptions { WorkingDirectory = _setup.Directory, Scenario = "uas" });
        var config = _setup.WriteConfig(json =>
        {
            json["Sip"]!["Domain"] = $"127.0.0.1:{far.Port}";
            json["Enrollment"] = new JsonObject { ["Url"] = hubUrl.ToString().TrimEnd('/'), ["Code"] = code };
        });
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        await Eventually.UntilAsync(
            async () => (await api.GetAsync(admin, "/api/v1/devices/desk-interop"))["online"]?.GetValue<bool>() == true,
            Patience, () => "the hub to see the phone online: " + agent.Describe());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_setup.DataPath, "credentials.json")));

        var dial = await _setup.ControlAsync("dial", "2002");
        Assert.True(dial.Exit == ControlExit.Ok, dial.Text);
        agent.WaitForLine("Recording ", Patience);
        var hangup = await _setup.ControlAsync("hangup");
        Assert.True(hangup.Exit == ControlExit.Ok, hangup.Text);
        Assert.Equal(0, far.WaitForExit(Patience));

        JsonNode? items = null;
        await Eventually.UntilAsync(
            async () =>
            {
                items = (await api.GetAsync(admin, "/api/v1/records?deviceId=desk-interop"))["items"];
                return items!.AsArray().Count == 1;
            },
            Patience, () => "the record to reach the hub: " + agent.Describe());
        Assert.Equal(("outgoing", "answered", "2002"), (items![0]!["direction"]!.GetValue<string>(), items[0]!["result"]!.GetValue<string>(), items[0]!["remoteNumber"]!.GetValue<string>()));

        var reused = await api.SendAsync(null, HttpMethod.Post, "/api/v1/enroll",
            new JsonObject { ["code"] = code, ["deviceId"] = "desk-interop", ["attestationKey"] = "AAAA" }, HttpStatusCode.BadRequest);
        Assert.Contains("attestationKey", reused["error"]!.GetValue<string>(), StringComparison.Ordinal);
        using var attestation = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var key = Convert.ToBase64String(attestation.ExportSubjectPublicKeyInfo());
        var used = await api.SendAsync(null, HttpMethod.Post, "/api/v1/enroll",
            new JsonObject { ["code"] = code, ["deviceId"] = "desk-interop", ["attestationKey"] = key }, HttpStatusCode.Conflict);
        Assert.Contains("already used", used["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"One-time password \(shown only now\): (\S+)")]
    private static partial Regex OneTimePassword();
}
