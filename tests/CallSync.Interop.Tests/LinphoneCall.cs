using System.Diagnostics;
using System.Text.Json.Nodes;
using CallSync.Testing.Audio;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Linphone;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Interop.Tests;

/// <summary>
/// One call between a fresh auto-answering agent and a fresh linphone-daemon that plays a 1 kHz tone as its
/// outgoing audio: who calls whom, over which transport, with which codec forced on linphone's side; then the
/// call's record, recording and linphone's RTP statistics.
/// </summary>
internal sealed class LinphoneCall : IAsyncDisposable
{
    public const double LinphoneTone = 1000;
    public const double DeskTone = 400; // the simulated board's default microphone
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly AgentSandbox _sandbox;
    private readonly Stopwatch _sinceAnswer = new();
    private readonly DateTimeOffset _answerSeenAt;

    private LinphoneCall(AgentSandbox sandbox, ChildProcess agent, LinphoneDaemon linphone, int callId, string tone)
    {
        _sandbox = sandbox;
        Agent = agent;
        Linphone = linphone;
        CallId = callId;
        TonePath = tone;
        _answerSeenAt = DateTimeOffset.UtcNow;
        _sinceAnswer.Start();
    }

    public ChildProcess Agent { get; }

    public LinphoneDaemon Linphone { get; }

    /// <summary>linphone's id of the call.</summary>
    public int CallId { get; }

    public string TonePath { get; }

    /// <summary>Time since linphone saw the call's media running (about the answer).</summary>
    public TimeSpan SinceAnswer => _sinceAnswer.Elapsed;

    /// <summary>
    /// Where a <see cref="SinceAnswer"/> reading falls in the call's recording, whose timeline starts at the record's
    /// <c>answeredAt</c> (the agent's answer, which the test sees later, by how much depends on the machine's load).
    /// </summary>
    public TimeSpan InRecording(TimeSpan sinceAnswer, JsonObject record) =>
        sinceAnswer + (_answerSeenAt - DateTimeOffset.Parse(RecordFields.Text(record, "answeredAt"), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary><see cref="SinceAnswer"/> when linphone had taken the command to play its tone (the tone starts no later).</summary>
    public TimeSpan ToneStarted { get; private set; }

    public string Context => $"--- linphone ---\n{Linphone.Describe()}\n--- agent ---\n{Agent.Describe(60)}";

    /// <summary>Starts both sides; linphone calls the agent (or the agent calls linphone) and plays its tone once the media runs.</summary>
    public static async Task<LinphoneCall> StartAsync(AgentSandbox sandbox, bool linphoneCalls, LinphoneTransport transport, LinphoneOptions options, Action<JsonObject>? configure = null)
    {
        var agent = AgentProcess.Start("--config", sandbox.WriteConfig(configure));
        LinphoneDaemon? linphone = null;
        try
        {
            agent.WaitForLine(AgentProcess.ReadyLine, Patience);
            linphone = await LinphoneDaemon.StartAsync(options);
            int call;
            if (linphoneCalls)
            {
                call = await linphone.CallAsync($"sip:1001@127.0.0.1:{sandbox.SipPort}" + (transport == LinphoneTransport.Tcp ? ";transport=tcp" : string.Empty));
            }
            else
            {
                var dial = await sandbox.ControlAsync("dial", linphone.Address(transport));
                Assert.True(dial.Exit == CallSync.Control.ControlExit.Ok, $"dial: {dial.Text}\n{agent.Describe()}");
                call = await IncomingAsync(sandbox, linphone, agent);
            }

            await linphone.WaitForCallStateAsync(call, LinphoneCallStatus.StreamsRunning, Patience);
            var tone = sandbox.File("linphone-tone.wav");
            WavFile.Write(tone, 8000, Signals.Tone(LinphoneTone, 8000, TimeSpan.FromMinutes(2))); // outlasts the call: linphone crashes at the end of its file
            var started = new LinphoneCall(sandbox, agent, linphone, call, tone);
            await linphone.PlayAsync(tone, call);
            started.ToneStarted = started.SinceAnswer;
            return started;
        }
        catch
        {
            linphone?.Dispose();
            agent.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The agent's call as linphone sees it; when linphone refuses it at once (the agent's record appears first),
    /// fails with the record and linphone's reasons instead of waiting.
    /// </summary>
    private static async Task<int> IncomingAsync(AgentSandbox sandbox, LinphoneDaemon linphone, ChildProcess agent)
    {
        int? call = null;
        await Eventually.UntilAsync(
            async () => (call = await linphone.NextIncomingCallAsync()) is not null || sandbox.ReadRecordJson().Count > 0,
            Patience,
            () => "linphone to get the agent's call\n" + linphone.Describe());
        return call ?? throw new InvalidOperationException(
            $"the agent's call to linphone ended before linphone took it:\n{sandbox.ReadRecordJson()[0].ToJsonString()}\n--- linphone ---\n{linphone.Describe()}\n--- agent ---\n{agent.Describe(60)}");
    }

    /// <summary>Ends the call from linphone or from the desk phone and waits until linphone has let go of it.</summary>
    public async Task HangUpAsync(bool fromLinphone)
    {
        if (fromLinphone)
        {
            await Linphone.TerminateAsync(CallId);
        }
        else
        {
            var hangup = await _sandbox.ControlAsync("hangup");
            Assert.True(hangup.Exit == CallSync.Control.ControlExit.Ok, $"hangup: {hangup.Text}\n{Context}");
        }

        await Linphone.WaitForCallStateAsync(CallId, LinphoneCallStatus.Released, Patience);
    }

    /// <summary>The call's record and decoded recording, once written.</summary>
    public async Task<(JsonObject Record, DecodedRecording Recording)> RecordAsync()
    {
        var record = (await _sandbox.WaitForRecordsAsync(1, Patience, () => Context)).Single();
        var path = _sandbox.RecordingPath(RecordFields.RecordingId(record));
        Assert.True(File.Exists(path), $"no recording {path}\n{record.ToJsonString()}\n{Context}");
        return (record, DecodedRecording.Decode(path));
    }

    /// <summary>linphone's statistics of the (one) ended call.</summary>
    public LinphoneRtpStatistics Statistics()
    {
        var all = Linphone.ReadRtpStatistics();
        Assert.True(all.Count == 1, $"{all.Count} RTP statistics blocks in linphone's log, wanted 1\n{Context}");
        return all[0];
    }

    public ValueTask DisposeAsync()
    {
        Linphone.Dispose();
        Agent.Dispose();
        return ValueTask.CompletedTask;
    }
}
