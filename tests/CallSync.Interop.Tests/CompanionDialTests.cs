using System.Globalization;
using System.Text.Json.Nodes;
using CallSync.Companion.Client;
using CallSync.Companion.Messages;
using CallSync.Companion.Security;
using CallSync.Contracts;
using CallSync.Control;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;
using Xunit.Abstractions;

namespace CallSync.Interop.Tests;

/// <summary>
/// The paired mobile's view over the companion protocol on TCP: pairing confirmed on the simulated desk phone's
/// keypad, then a dial request that makes the agent call a real sipp uas, with the call's events coming back.
/// </summary>
[Trait("Category", "Interop")]
public sealed class CompanionDialTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSandbox _setup = new();
    private readonly int _companionPort = FreePort.Tcp();
    private Func<string>? _agentOutput;

    public void Dispose() => _setup.Dispose();

    [Fact]
    public async Task CompanionDial_PairedOverTcp_SippGetsInviteAndCompanionFollowsCall()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var token = timeout.Token;
        using var far = SippProcess.Start(new SippOptions { WorkingDirectory = _setup.Directory, Scenario = "uas", TraceMessages = true });
        var sippPort = far.Port;
        using var agent = StartAgent(json => json["Sip"]!["Domain"] = $"127.0.0.1:{sippPort}");

        await using var companion = await PairAndAuthenticateAsync(token);
        var dial = await companion.DialAsync("2002", token);
        Assert.True(dial.Status == CompanionDialStatus.Started, $"{dial.Status}: {dial.Reason}\n{agent.Describe()}");
        Assert.True(Guid.TryParse(dial.RecordId, out _), dial.RecordId);

        // sipp's built-in uas rings (180), answers (200) and then waits for the caller's BYE. The phone reports a
        // state change with the call's state at the time it handles it, so a change can be reported twice, and under
        // load a ringing that was overtaken by the answer is reported as answered: ringing is therefore optional here,
        // but must come before answered, and nothing else may.
        var beforeAnswer = new List<CallEventKind>();
        CallEvent answered;
        while ((answered = await NextEventAsync(companion, dial.RecordId, null, agent, token)).Kind != CallEventKind.Answered)
        {
            beforeAnswer.Add(answered.Kind);
        }

        Assert.All(beforeAnswer, kind => Assert.Equal(CallEventKind.Ringing, kind));

        // Hang up from the desk once audio has reached the recording, so the call has something to record.
        await WaitForRecordedAudioAsync(_setup.RecordingPath(Guid.Parse(dial.RecordId)), agent);
        var hangup = await ControlAsync("hangup", [], token);
        Assert.True(hangup.Exit == ControlExit.Ok, hangup.Text);
        var ended = await NextEventAsync(companion, dial.RecordId, answered.Kind, agent, token);
        Assert.Equal(CallEventKind.Ended, ended.Kind);
        Assert.Equal("answered", ended.Detail);

        Assert.True(far.WaitForExit(Patience) == 0, far.Describe());
        var sipp = far.ReadMessages();
        Assert.Contains("INVITE sip:2002@127.0.0.1:" + sippPort.ToString(CultureInfo.InvariantCulture), sipp, StringComparison.Ordinal);

        var record = await _setup.WaitForRecordAsync(Guid.Parse(dial.RecordId), Patience, () => agent.Describe());
        Assert.Equal(OriginKind.Companion, record.Origin.Kind);
        Assert.Equal(CallDirection.Outgoing, record.Direction);
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal("2002", record.RemoteNumber.Raw);

        var calls = await ControlAsync("calls", ["--last", "1"], token);
        Assert.Contains("record " + dial.RecordId, calls.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompanionDial_MalformedNumber_RefusedWithReasonAndAgentKeepsServing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var token = timeout.Token;
        using var agent = StartAgent(json => json["Sip"]!["Domain"] = "127.0.0.1:9");

        var credentials = await PairAsync(token);
        await using (var companion = await AuthenticateAsync(credentials, token))
        {
            var refused = await companion.DialAsync("12ab!", token);
            Assert.Equal(CompanionDialStatus.Rejected, refused.Status);
            Assert.Contains("'12ab!' is not a number", refused.Reason, StringComparison.Ordinal);
            Assert.Equal(string.Empty, refused.RecordId);

            var empty = await companion.DialAsync("", token);
            Assert.Equal(CompanionDialStatus.Rejected, empty.Status);
            Assert.Equal("nothing to dial", empty.Reason);

            // The same session still answers, and no call was placed.
            await companion.PingAsync(token);
            Assert.False(companion.CallEvents.TryRead(out var stray), $"unexpected call event {stray}");
        }

        // A new session authenticates with the stored pairing, and the agent still serves its control socket. It
        // connects once the phone has let go of the previous session: a session that authenticates while the same
        // companion's closing session is still registered takes it over, and that takeover currently fails the new
        // session ("The CancellationTokenSource has been disposed").
        await WaitForNoCompanionSessionAsync(token);
        await using (var again = await AuthenticateAsync(credentials, token))
        {
            await again.PingAsync(token);
        }

        var status = await ControlAsync("status", [], token);
        Assert.True(status.Exit == ControlExit.Ok, status.Text);
        Assert.Contains("call: idle", status.Text, StringComparison.Ordinal);
        var calls = await ControlAsync("calls", [], token);
        Assert.Equal("no calls yet", calls.Text);
        Assert.False(agent.HasExited, agent.Describe());
        agent.Terminate();
        Assert.Equal(0, agent.WaitForExit(Patience));
    }

    private ChildProcess StartAgent(Action<JsonObject> sip)
    {
        var config = _setup.WriteConfig(json =>
        {
            sip(json);
            json["Companion"] = new JsonObject { ["Listen"] = $"tcp:127.0.0.1:{_companionPort}" };
        });
        var agent = AgentProcess.Start("--config", config);
        _agentOutput = () => agent.Describe();
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);
        return agent;
    }

    private async Task<CompanionClient> PairAndAuthenticateAsync(CancellationToken token) =>
        await AuthenticateAsync(await PairAsync(token), token);

    /// <summary>Pairs a new companion; the desk phone user confirms the code shown on the display with '#'.</summary>
    private async Task<CompanionCredentials> PairAsync(CancellationToken token)
    {
        await using var client = await CompanionClient.ConnectTcpAsync("127.0.0.1", _companionPort, token);
        Assert.Equal("desk-interop", client.DeviceId);
        Assert.Equal("1001", client.DeviceNumber);
        var result = await client.PairAsync("user-interop", "interop mobile", ConfirmOnDeskAsync, token);
        Assert.True(result.Status == PairingStatus.Paired, $"{result.Status}: {result.Reason}");
        Assert.True(result.AttestationVerified);
        Assert.Matches("^[0-9]{6}$", result.Code);
        return result.Credentials!;
    }

    private async Task<CompanionClient> AuthenticateAsync(CompanionCredentials credentials, CancellationToken token)
    {
        var client = await CompanionClient.ConnectTcpAsync("127.0.0.1", _companionPort, token);
        try
        {
            await client.AuthenticateAsync(credentials, recordings: null, token);
            return client;
        }
        catch (Exception ex) when (ex is IOException or CallSync.Companion.Protocol.CompanionProtocolException)
        {
            await client.DisposeAsync();
            throw new InvalidOperationException($"authentication failed: {ex.Message}\n--- agent ---\n{_agentOutput?.Invoke()}", ex);
        }
    }

    /// <summary>
    /// The companion's confirmation callback: waits until the desk phone's display shows the same six digits, then
    /// presses '#' on the simulated keypad (the desk phone user's half of the numeric comparison).
    /// </summary>
    private async ValueTask<bool> ConfirmOnDeskAsync(string code, CancellationToken token)
    {
        var shown = string.Empty;
        await Eventually.UntilAsync(
            async () => (shown = (await ControlAsync("board", ["show"], token)).Text).Contains("Code " + code, StringComparison.Ordinal),
            Patience,
            () => "the desk phone to show code " + code + "; last: " + shown);

        var key = await ControlAsync("board", ["key", "#"], token);
        Assert.True(key.Exit == ControlExit.Ok, key.Text);
        return true;
    }

    private async Task WaitForNoCompanionSessionAsync(CancellationToken token)
    {
        var status = string.Empty;
        await Eventually.UntilAsync(
            async () => (status = (await ControlAsync("status", [], token)).Text).Contains(" 0 connected", StringComparison.Ordinal),
            Patience,
            () => "the companion session to close: " + status);
    }

    private Task<ControlResponse> ControlAsync(string command, string[] args, CancellationToken token) =>
        ControlClient.SendAsync(_setup.ControlSocket, new ControlRequest(command, args), token);

    /// <summary>The next event of this call whose kind differs from <paramref name="previous"/>.</summary>
    private async Task<CallEvent> NextEventAsync(
        CompanionClient companion, string recordId, CallEventKind? previous, ChildProcess agent, CancellationToken token)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
        wait.CancelAfter(Patience);
        try
        {
            while (true)
            {
                var next = await companion.CallEvents.ReadAsync(wait.Token);
                output.WriteLine($"call event {next.Kind} {next.RecordId} at {next.AtUnixMs} '{next.Detail}'");
                if (next.RecordId == recordId && next.Kind != previous)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            throw new TimeoutException("no call event for " + recordId + "\n" + agent.Describe());
        }
    }

    // The recorder writes an Ogg page at least every 500 ms; a file that grew past its headers holds audio.
    private static async Task WaitForRecordedAudioAsync(string path, ChildProcess agent)
    {
        var file = new FileInfo(path);
        long? headers = null;
        await Eventually.UntilAsync(
            () =>
            {
                file.Refresh();
                if (!file.Exists || file.Length == 0)
                {
                    return false;
                }

                headers ??= file.Length;
                return file.Length > headers;
            },
            Patience,
            () => $"{file.FullName} to grow\n{agent.Describe()}");
    }
}
