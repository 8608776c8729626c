using System.Text.Json;
using System.Text.Json.Nodes;
using System.Runtime.InteropServices;
using CallSync.Control;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Processes;

namespace CallSync.Agent.Tests;

/// <summary>The agent as an operator meets it: a process started with a config file, stopped with SIGTERM.</summary>
public sealed class AgentProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new("callsync-agent-");

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Writes the example file made runnable here (data in <paramref name="dir"/>/data, free ports, no registrar, broker
    /// or companion), changed by <paramref name="change"/>; returns its path.
    /// </summary>
    internal static string WriteConfig(string dir, Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(AgentOptionsReaderTests.ExampleJson)!.AsObject();
        json["Device"]!["DataDir"] = Path.Combine(dir, "data");
        json["Sip"]!["Listen"] = new JsonArray("udp:127.0.0.1:0", "tcp:127.0.0.1:0");
        json["Sip"]!.AsObject().Remove("Registrar");
        json.Remove("Mqtt");
        json.Remove("Companion");
        change?.Invoke(json);
        var path = Path.Combine(dir, $"agent-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private string Config(Action<JsonObject>? change = null) => WriteConfig(_dir.Path, change);

    [Fact]
    public void Start_BrokenKey_ExitsTwoNamingTheKey()
    {
        var config = Config(json => json["Sip"]!["AutoAnswer"] = "sometimes");
        using var agent = AgentProcess.Start("--config", config);
        Assert.Equal(2, agent.WaitForExit(Patience));
        Assert.Equal("configuration: Sip:AutoAnswer = \"sometimes\" is invalid; expected off, on, requested, or a delay such as 2s (at most 5m)",
            agent.Output.Trim());
    }

    [Fact]
    public void Start_SipPortTaken_ExitsTwoNamingThePort()
    {
        using var holder = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int port = ((System.Net.IPEndPoint)holder.Client.LocalEndPoint!).Port;

        using var agent = AgentProcess.Start("--config", Config(json => json["Sip"]!["Listen"] = new JsonArray($"udp:127.0.0.1:{port}")));

        Assert.Equal(2, agent.WaitForExit(Patience));
        Assert.Contains($"sip: cannot listen on udp:127.0.0.1:{port} (AddressAlreadyInUse)", agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckLibraries_OnThisMachine_EachLibraryLoads()
    {
        using var agent = AgentProcess.Start("--check-libraries");

        Assert.Equal(0, agent.WaitForExit(Patience));
        foreach (var library in new[] { "libopus.so.0", "libspandsp.so.2", "libopusenc.so.0", "e_sqlite3" })
        {
            Assert.Contains($"{library}: loads (", agent.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Start_ThroughTheApphost_ChecksItsLibrariesAndServes()
    {
        // `make run` starts out/bin/callsync-agent, the apphost: the library check's child is then the apphost alone
        // (under `dotnet callsync-agent.dll` it is dotnet with the dll), else the child refuses its arguments.
        var apphost = Path.Combine(AppContext.BaseDirectory, "callsync-agent");
        using var agent = ChildProcess.Start(new ChildProcessOptions(apphost, ["--config", Config()]) { Name = "callsync-agent" });

        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
    }

    [Fact]
    public void Start_SystemLibraryBroken_ExitsTwoNamingTheLibraryAndItsPackage()
    {
        var opus = Tool.RunChecked("ldconfig", "-p").Split('\n')
            .Where(l => l.TrimStart().StartsWith("libopus.so.0 ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("=> ", StringComparison.Ordinal) + 3)..].Trim())
            .First();

        using var agent = AgentProcess.StartWithFileBroken(opus, "--config", Config());

        Assert.Equal(2, agent.WaitForExit(Patience));
        Assert.Contains($"start-up: libopus.so.0 cannot be loaded ({opus}: ", agent.Output, StringComparison.Ordinal);
        Assert.Contains("; it comes with Debian's libopus0", agent.Output, StringComparison.Ordinal);
        Assert.Single(agent.Output.Trim().Split('\n'));
    }

    [Fact]
    public void Start_BundledSqliteMissing_ExitsTwoNamingTheLibrary()
    {
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var sqlite = AgentProcess.InstalledFile("libe_sqlite3.so", $"runtimes/linux-{arch}/native/libe_sqlite3.so");
        Assert.True(File.Exists(sqlite), sqlite);

        using var agent = AgentProcess.StartWithFileBroken(sqlite, "--config", Config());

        Assert.Equal(2, agent.WaitForExit(Patience));
        Assert.Equal($"start-up: e_sqlite3 cannot be loaded ({sqlite}: file too short); it comes with the agent's release bundle: libe_sqlite3.so beside the agent",
            agent.Output.Trim());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("json")]
    [InlineData("board")]
    [InlineData("datadir")]
    public void Start_EachKindOfBrokenSetup_HasItsOwnMessage(string kind)
    {
        var blocker = Path.Combine(_dir.Path, "a-file");
        File.WriteAllText(blocker, "");
        var (config, expected) = kind switch
        {
            "missing" => (Path.Combine(_dir.Path, "none.json"), "not found"),
            "json" => (WriteRaw("{ \"Device\": "), "is not valid JSON"),
            "board" => (Config(json => json["Board"]!["Kind"] = "fpga"), "Board:Kind = \"fpga\" is invalid; expected simulated or linux"),
            _ => (Config(json => json["Device"]!["DataDir"] = Path.Combine(blocker, "data")), "is not a writable directory"),
        };

        using var agent = AgentProcess.Start("--config", config);
        Assert.Equal(2, agent.WaitForExit(Patience));
        Assert.Contains(expected, agent.Output, StringComparison.Ordinal);
        Assert.Single(agent.Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Sigterm_RunningAgent_StopsCleanlyAndRemovesItsSocket()
    {
        var config = Config();
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);

        var socket = Path.Combine(_dir.Path, "data", ControlProtocol.SocketFileName);
        var status = await ControlClient.SendAsync(socket, new ControlRequest("status", []), CancellationToken.None);
        Assert.Equal(ControlExit.Ok, status.Exit);
        Assert.Contains("device: desk-0001 (1001)", status.Text, StringComparison.Ordinal);
        var health = await ControlClient.SendAsync(socket, new ControlRequest("status", ["--json"]), CancellationToken.None);
        using (var json = JsonDocument.Parse(health.Text))
        {
            // No registrar and no broker configured: listening and the control socket up is healthy.
            Assert.True(json.RootElement.GetProperty("healthy").GetBoolean(), health.Text);
            Assert.Equal(0, json.RootElement.GetProperty("problems").GetArrayLength());
            Assert.StartsWith("desk-0001 (1001)", json.RootElement.GetProperty("sources").GetProperty("device").GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
        Assert.Contains("Stopped cleanly", agent.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public void Start_DefaultInAJitBuild_SaysItDoesNotTrim()
    {
        // The trim itself (NativeAOT) is measured by `make bench-call-memory` and runs in `make test-board`; its
        // page-out by WorkingSetTests in CallSync.Hal.Tests.
        using var agent = AgentProcess.Start("--config", Config());
        agent.WaitForLine("Memory after start: not trimmed (a JIT-compiled agent", Patience);
        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));

        Assert.DoesNotContain("paged out", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_TrimMemoryAfterStartOff_LeavesMemoryAlone()
    {
        using var agent = AgentProcess.Start("--config", Config(json => json["Device"]!["TrimMemoryAfterStart"] = false));
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));

        Assert.Contains("Stopped cleanly", agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Memory after start", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_OneObjectPerSourceWithTheSipFieldsAHealthCheckReads()
    {
        using var agent = AgentProcess.Start("--config", Config());
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        var socket = Path.Combine(_dir.Path, "data", ControlProtocol.SocketFileName);

        var status = await ControlClient.SendAsync(socket, new ControlRequest("status", ["--json"]), CancellationToken.None);

        Assert.Equal(ControlExit.Ok, status.Exit);
        var json = JsonNode.Parse(status.Text)!["sources"]!.AsObject();
        Assert.Contains("desk-0001 (1001)", json["device"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var sip = json["sip"]!.AsObject();
        Assert.Equal(2, sip["listening"]!.AsArray().Count);
        Assert.False(sip["registration"]!["configured"]!.GetValue<bool>());
        Assert.False(sip["registration"]!["registered"]!.GetValue<bool>());
        Assert.Null(sip["tls"]!["lastError"]);
        Assert.True(json.ContainsKey("control"), status.Text);
    }

    [Fact]
    public void Start_TlsKeyReadableByOthers_RefusesToStartWithTheReason()
    {
        using var ca = CallSync.Testing.Tls.TestPki.CreateCa("CallSync Test CA");
        using var phone = CallSync.Testing.Tls.TestPki.CreateLeaf(ca, "desk-0001.example");
        var certificate = Path.Combine(_dir.Path, "phone.crt");
        var key = Path.Combine(_dir.Path, "phone.key");
        File.WriteAllText(certificate, CallSync.Testing.Tls.TestPki.CertificatePem(phone));
        File.WriteAllText(key, CallSync.Testing.Tls.TestPki.KeyPem(phone));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var agent = AgentProcess.Start("--config", Config(json => json["Sip"]!["Tls"] = new JsonObject { ["Certificate"] = certificate, ["PrivateKey"] = key }));

        Assert.Equal(2, agent.WaitForExit(Patience));
        Assert.Equal($"configuration: Sip:Tls:PrivateKey = \"{key}\" is invalid; expected an absolute path to an existing PEM file readable by its owner only (chmod 600)",
            agent.Output.Trim());
    }

    [Fact]
    public async Task StatusJson_RegistrarNotAnswering_IsUnhealthyNamingSip()
    {
        // Nothing listens on the discard port: the phone cannot register, so the health gate must not pass.
        using var agent = AgentProcess.Start("--config", Config(json => json["Sip"]!["Registrar"] = "sip:127.0.0.1:9"));
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        var socket = Path.Combine(_dir.Path, "data", ControlProtocol.SocketFileName);

        var health = await ControlClient.SendAsync(socket, new ControlRequest("status", ["--json"]), CancellationToken.None);

        using var json = JsonDocument.Parse(health.Text);
        Assert.False(json.RootElement.GetProperty("healthy").GetBoolean());
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.StartsWith("sip: not registered at sip:127.0.0.1:9", problem.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlSocket_BoardCommands_DriveTheSimulatedBoard()
    {
        using var agent = AgentProcess.Start("--config", Config());
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        var socket = Path.Combine(_dir.Path, "data", ControlProtocol.SocketFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));

        var lift = await ControlClient.SendAsync(socket, new ControlRequest("board", ["hook", "off"]), CancellationToken.None);
        Assert.Equal(ControlExit.Ok, lift.Exit);
        var show = await ControlClient.SendAsync(socket, new ControlRequest("board", ["show"]), CancellationToken.None);
        Assert.Contains("hook: off-hook", show.Text, StringComparison.Ordinal);
        var bad = await ControlClient.SendAsync(socket, new ControlRequest("board", ["key", "12z"]), CancellationToken.None);
        Assert.Equal(ControlExit.Usage, bad.Exit);
        var unknown = await ControlClient.SendAsync(socket, new ControlRequest("frobnicate", []), CancellationToken.None);
        Assert.Equal(ControlExit.Usage, unknown.Exit);

        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
    }

    [Fact]
    public async Task ControlClient_NoAgent_IsUnreachable()
    {
        var response = await ControlClient.SendAsync(Path.Combine(_dir.Path, "nobody.sock"), new ControlRequest("status", []), CancellationToken.None);
        Assert.Equal(ControlExit.Unreachable, response.Exit);
        Assert.Contains("cannot reach the agent", response.Text, StringComparison.Ordinal);
    }

    private string WriteRaw(string text)
    {
        var path = Path.Combine(_dir.Path, "raw.json");
        File.WriteAllText(path, text);
        return path;
    }
}
