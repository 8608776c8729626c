using System.Text.Json.Nodes;
using CallSync.Control;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Kamailio;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Interop.Tests.Tls;

/// <summary>
/// SIP over TLS against kamailio with its tls module as registrar and proxy, its certificate signed by a CA the test
/// makes with openssl: two agents register over TLS and one calls the other through it (audio both ways, recorded),
/// with plain RTP and with SRTP keyed over those TLS hops (the record's security <c>tls</c>, <c>tls+srtp</c>);
/// an agent trusting another CA is refused with the reason in its log and in <c>callsync status --json</c>.
/// </summary>
[Trait("Category", "Interop")]
public sealed class KamailioTlsTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _pki = new TempDirectory("callsync-tls-pki-").OpenToEveryone();
    private readonly int _port = FreePort.Tcp();
    private readonly KamailioProcess _kamailio;
    private readonly List<AgentSandbox> _sandboxes = [];

    public KamailioTlsTests()
    {
        Tool.Require("openssl", "openssl");
        MakeCa("ca", "CallSync Interop CA");
        MakeCa("other-ca", "Other CA");
        // The server certificate names the address the agents are given (sips:127.0.0.1:PORT) and a host name.
        Openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", _pki.File("server.key"),
            "-out", _pki.File("server.csr"), "-subj", "/CN=pbx.callsync.test");
        File.WriteAllText(_pki.File("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:pbx.callsync.test\nextendedKeyUsage=serverAuth\n");
        Openssl("x509", "-req", "-in", _pki.File("server.csr"), "-CA", _pki.File("ca.crt"), "-CAkey", _pki.File("ca.key"), "-CAcreateserial",
            "-out", _pki.File("server.crt"), "-days", "2", "-extfile", _pki.File("server.ext"));
        UnixFiles.MakeReadableByEveryone(_pki.File("server.key")); // kamailio runs as uid 65534; a test key, removed after

        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Tls", "kamailio-tls.cfg"))
            .Replace("@PORT@", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("@CERT@", _pki.File("server.crt"), StringComparison.Ordinal)
            .Replace("@KEY@", _pki.File("server.key"), StringComparison.Ordinal);
        _kamailio = KamailioProcess.Start(config);
        _kamailio.Process.WaitForLine("tls: 127.0.0.1", Patience);
    }

    public void Dispose()
    {
        _kamailio.Dispose();
        foreach (var sandbox in _sandboxes)
        {
            sandbox.Dispose();
        }

        _pki.Dispose();
    }

    [Theory]
    [InlineData("off", "tls")]
    [InlineData("required", "tls+srtp")] // SDES keys in SDP that only crosses TLS hops: no AllowSdesOverPlainSip needed
    public async Task Call_BothAgentsRegisteredOverTls_ConnectsThroughKamailioAndRecordsThePeersTone(string encryption, string security)
    {
        var (caller, callerSandbox) = StartAgent("1001", "ca.crt", "tone:400", encryption);
        using var callerProcess = caller;
        var (callee, calleeSandbox) = StartAgent("1002", "ca.crt", "tone:1000", encryption);
        using var calleeProcess = callee;
        await WaitRegisteredAsync(callerSandbox, caller);
        await WaitRegisteredAsync(calleeSandbox, callee);

        var dial = await callerSandbox.ControlAsync("dial", "1002");
        Assert.True(dial.Exit == ControlExit.Ok, dial.Text + "\n" + Context(caller, callee));
        await caller.WaitForLineAsync("Recording ", Patience);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(ControlExit.Ok, (await callerSandbox.ControlAsync("hangup")).Exit);

        var record = (await callerSandbox.WaitForRecordsAsync(1, Patience, () => Context(caller, callee)))[0];
        Assert.True(RecordFields.Text(record, "result") == "answered", record.ToJsonString() + "\n" + Context(caller, callee));
        Assert.True(RecordFields.Text(record, "security") == security, record.ToJsonString());
        Assert.Contains("relaying INVITE for 1002", _kamailio.Output, StringComparison.Ordinal);
        Assert.Contains("over tls", _kamailio.Output, StringComparison.Ordinal);
        // Audio flowed: the caller's recording carries the callee's 1 kHz tone on its right channel for most of the talk.
        var recording = DecodedRecording.Decode(callerSandbox.RecordingPath(RecordFields.RecordingId(record)));
        var talk = TimeSpan.FromSeconds(RecordFields.Number(record, "talkSeconds"));
        var share = recording.Track(DecodedRecording.Right, 1000).ShareBetween(TimeSpan.FromSeconds(1), talk);
        Assert.True(share >= 0.8, $"the callee's tone on {share:P0} of the talk\n{record.ToJsonString()}\n{Context(caller, callee)}");
    }

    [Fact]
    public async Task Register_AgentTrustsAnotherCa_RefusedWithTheReasonInLogAndStatus()
    {
        var (agent, sandbox) = StartAgent("1003", "other-ca.crt", "tone:400");
        using var process = agent;
        var expected = $"TLS to 127.0.0.1:{_port} refused: certificate not trusted (issuer CN=CallSync Interop CA not in Sip:Tls:CaFile)";

        await agent.WaitForLineAsync(expected, Patience);
        JsonObject? sip = null;
        await Eventually.UntilAsync(
            async () =>
            {
                var status = await sandbox.ControlAsync("status", "--json");
                sip = JsonNode.Parse(status.Text)!["sources"]!["sip"]!.AsObject();
                return sip["registration"]!["reason"]!.GetValue<string>() == expected;
            },
            Patience,
            () => $"the registration's reason in {sip?.ToJsonString()}\n{agent.Describe()}");

        Assert.Equal(expected, sip!["tls"]!["lastError"]!.GetValue<string>());
        Assert.False(sip["registration"]!["registered"]!.GetValue<bool>());
        Assert.DoesNotContain("registered 1003", _kamailio.Output, StringComparison.Ordinal);
    }

    private (ChildProcess Agent, AgentSandbox Sandbox) StartAgent(string user, string caFile, string microphone, string encryption = "off")
    {
        var sandbox = new AgentSandbox();
        _sandboxes.Add(sandbox);
        var config = sandbox.WriteConfig(json =>
        {
            var sip = json["Sip"]!.AsObject();
            sip["Registrar"] = $"sips:127.0.0.1:{_port}";
            sip["Username"] = user;
            sip["Password"] = "secret" + user;
            sip["Tls"] = new JsonObject { ["CaFile"] = _pki.File(caFile) };
            json["Board"]!["Microphone"] = microphone;
            json["Rtp"]!["Encryption"] = encryption;
        });
        var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        return (agent, sandbox);
    }

    private static async Task WaitRegisteredAsync(AgentSandbox sandbox, ChildProcess agent)
    {
        string text = string.Empty;
        await Eventually.UntilAsync(
            async () =>
            {
                text = (await sandbox.ControlAsync("status", "--json")).Text;
                return JsonNode.Parse(text)!["sources"]!["sip"]!["registration"]!["registered"]!.GetValue<bool>();
            },
            Patience,
            () => $"registered over TLS:\n{text}\n{agent.Describe()}");
    }

    private string Context(ChildProcess caller, ChildProcess callee) =>
        $"--- caller ---\n{caller.Describe()}\n--- callee ---\n{callee.Describe()}\n--- kamailio ---\n{_kamailio.Process.Describe(60)}";

    private void MakeCa(string name, string commonName) =>
        Openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", _pki.File(name + ".key"),
            "-out", _pki.File(name + ".crt"), "-subj", "/CN=" + commonName, "-days", "2");

    private static void Openssl(params string[] arguments) => Tool.RunChecked("openssl", arguments);
}
