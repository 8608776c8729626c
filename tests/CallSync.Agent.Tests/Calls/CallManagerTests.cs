using System.Text;
using CallSync.Agent.Calls;
using CallSync.Contracts;
using CallSync.Hal;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Agent.Tests.Calls;

/// <summary>
/// The call manager in process: the real composition root on fake time, a simulated board, and a scripted SIP
/// peer speaking real SIP over loopback. Each scenario ends with the one record it must leave.
/// </summary>
public sealed class CallManagerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-calls-").FullName;
    private readonly FakeTimeProvider _time = new(T0);
    private InProcessAgent _agent = null!;

    private static CallOrigin Cli => new() { Kind = OriginKind.Cli };

    public async Task InitializeAsync() => _agent = await InProcessAgent.StartAsync(_dir, _time);

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The peer calls; the handset is lifted; the call is answered with our RTP port.</summary>
    private Task<(SipRequest Invite, SipResponse Ok)> AnswerIncomingAsync(string callId) => _agent.AnswerIncomingAsync(callId, ScriptedSipPeer.Sdp());

    /// <summary>The phone dials 2002; the peer rings and answers.</summary>
    private async Task<(CallSession Session, SipRequest Invite)> ConnectOutgoingAsync()
    {
        var attempt = await _agent.Calls.DialAsync("2002", Cli, CancellationToken.None);
        Assert.Equal(DialAttemptStatus.Started, attempt.Status);
        var invite = await _agent.Peer.NextRequestAsync("INVITE");
        await _agent.Peer.RespondAsync(invite, 180);
        await _agent.Peer.RespondAsync(invite, 200, ScriptedSipPeer.Sdp());
        await _agent.Peer.NextRequestAsync("ACK");
        await InProcessAgent.Eventually(() => _agent.Calls.Activity == DeviceActivity.InCall, "the call to be up");
        return (attempt.Call!, invite);
    }

    [Fact]
    public async Task Incoming_Talking_SecondLineCountsTheTalkTimeUntilTheEnd()
    {
        var (_, ok) = await AnswerIncomingAsync("in-timer");
        _agent.Talk(TimeSpan.FromSeconds(3.5));

        // The once-a-second tick is not aligned with the answer: 3.5 s of talk shows as 00:02 or 00:03.
        await InProcessAgent.Eventually(() => _agent.Board.Display.Get(1) is "00:02" or "00:03", "the talk time on the second line");
        await _agent.Peer.InDialogAsync(ok, "BYE");
        await _agent.Peer.NextResponseAsync(200, "BYE");
        await InProcessAgent.Eventually(() => !_agent.Board.Display.Get(1).StartsWith("00:", StringComparison.Ordinal), "the idle screen back");
        Assert.EndsWith("  ready", _agent.Board.Display.Get(0), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "00:00")]
    [InlineData(59.9, "00:59")]
    [InlineData(61, "01:01")]
    [InlineData(3599, "59:59")]
    [InlineData(3600, "1:00:00")]
    [InlineData(-1, "00:00")]
    public void FormatTalkTime_Duration_FitsAnyDisplayLine(double seconds, string expected)
    {
        Assert.Equal(expected, CallManager.FormatTalkTime(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public async Task Incoming_AnsweredByHookRemoteHangsUp_OneAnsweredRecordWithItsRecording()
    {
        var (_, ok) = await AnswerIncomingAsync("in-1");
        Assert.Contains("m=audio ", Encoding.UTF8.GetString(ok.Body.Span), StringComparison.Ordinal);
        Assert.StartsWith("Talking ", _agent.Board.Display.Get(0), StringComparison.Ordinal);
        Assert.Equal(LedState.On, _agent.Board.Leds.Get(Led.Recording));
        _agent.Talk(TimeSpan.FromSeconds(2));

        await _agent.Peer.InDialogAsync(ok, "BYE");
        await _agent.Peer.NextResponseAsync(200, "BYE");
        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(CallDirection.Incoming, record.Direction);
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal(CallEndedBy.Remote, record.EndedBy);
        Assert.Equal(OriginKind.Network, record.Origin.Kind);
        Assert.Equal(2, record.TalkSeconds, precision: 1);
        Assert.Equal(CallSecurity.None, record.Security); // plain SIP over UDP, plain RTP
        Assert.NotNull(record.Recording);
        Assert.True(File.Exists(Path.Combine(_dir, "recordings", record.RecordId + ".opus")));
        Assert.Equal(DeviceActivity.Idle, _agent.Calls.Activity);
        Assert.Equal(LedState.Off, _agent.Board.Leds.Get(Led.Line));
    }

    [Fact]
    public async Task Outgoing_AnsweredThenLocalHangUp_ByeSentAndOneRecordAsDialled()
    {
        var (session, invite) = await ConnectOutgoingAsync();
        Assert.StartsWith("sip:2002@127.0.0.1:", invite.RequestUriText, StringComparison.Ordinal);
        _agent.Talk(TimeSpan.FromSeconds(1));

        Assert.True(await _agent.Calls.HangUpAsync(CancellationToken.None));
        await _agent.Peer.NextRequestAsync("BYE");
        var summary = await session.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        var record = Assert.Single(_agent.Records());
        Assert.Equal(summary.RecordId, record.RecordId);
        Assert.Equal(CallDirection.Outgoing, record.Direction);
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal(CallEndedBy.Local, record.EndedBy);
        Assert.Equal("2002", record.RemoteNumber.Raw);
        Assert.Equal(OriginKind.Cli, record.Origin.Kind);
        Assert.Equal("PCMU/8000", record.Codec);
    }

    [Fact]
    public async Task Outgoing_RefusedAtOnce_ExactlyOneRecordWithStatusAndWarning()
    {
        var attempt = await _agent.Calls.DialAsync("2002", Cli, CancellationToken.None);
        var invite = await _agent.Peer.NextRequestAsync("INVITE");
        await _agent.Peer.RespondAsync(invite, 488, extra: (SipHeaderNames.Warning, "305 peer \"Incompatible media format\""));
        await _agent.Peer.NextRequestAsync("ACK");

        var summary = await attempt.Call!.Finished.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(CallResult.Failed, summary.Result);
        await Task.Delay(200); // a second record, if any, would be committed by now
        var record = Assert.Single(_agent.Records());
        Assert.Equal(488, record.SipStatus);
        Assert.Contains("Incompatible media format", record.SipReason, StringComparison.Ordinal);
        Assert.Equal("2002", record.RemoteNumber.Raw);
    }

    [Fact]
    public async Task Incoming_CallerCancels_CancelledRecordAndMissedCallLamp()
    {
        var invite = await _agent.Peer.InviteAsync("in-cancel");
        await _agent.Peer.NextResponseAsync(180, "INVITE");
        await _agent.Peer.CancelAsync(invite);
        await _agent.Peer.NextResponseAsync(487, "INVITE");

        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(CallResult.Cancelled, record.Result);
        Assert.Null(record.AnsweredAt);
        await InProcessAgent.Eventually(() => !_agent.Board.Ringer.IsRinging, "the ringer to stop");
        Assert.Equal(LedState.On, _agent.Board.Leds.Get(Led.MessageWaiting));
    }

    [Fact]
    public async Task Busy_CallUpThenAnotherDialAndIncoming_DialRefusedIncomingBusyRecorded()
    {
        await using var agent = await InProcessAgent.StartAsync(Path.Combine(_dir, "busy"), new FakeTimeProvider(T0), ("Sip:MaxCalls", "1"));
        var attempt = await agent.Calls.DialAsync("2002", Cli, CancellationToken.None);
        var invite = await agent.Peer.NextRequestAsync("INVITE");
        await agent.Peer.RespondAsync(invite, 200, ScriptedSipPeer.Sdp());
        await agent.Peer.NextRequestAsync("ACK");

        Assert.Equal(DialAttemptStatus.Busy, (await agent.Calls.DialAsync("2003", Cli, CancellationToken.None)).Status);
        await agent.Peer.InviteAsync("in-busy");
        var busy = await agent.Peer.NextResponseAsync(486, "INVITE");
        Assert.Contains("call limit", busy.Headers.GetValue(SipHeaderNames.Warning), StringComparison.Ordinal);

        var record = Assert.Single(await agent.RecordsAsync(1));
        Assert.Equal(CallResult.Busy, record.Result);
        Assert.Equal(CallDirection.Incoming, record.Direction);
        Assert.Equal(486, record.SipStatus);
        Assert.Equal(DeviceActivity.InCall, agent.Calls.Activity);
        Assert.Equal(DialAttemptStatus.Started, attempt.Status);
    }

    [Fact]
    public async Task Incoming_OfferWithoutCommonCodec_Refused488WithWarningAndRecorded()
    {
        var gsmOnly = "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 50000 RTP/AVP 3\r\na=rtpmap:3 GSM/8000\r\n";
        await _agent.Peer.InviteAsync("in-gsm", gsmOnly);
        var refused = await _agent.Peer.NextResponseAsync(488, "INVITE");
        Assert.StartsWith("305 ", refused.Headers.GetValue(SipHeaderNames.Warning), StringComparison.Ordinal);

        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(CallResult.Failed, record.Result);
        Assert.Equal(488, record.SipStatus);
        Assert.False(_agent.Board.Ringer.IsRinging);
    }

    [Fact]
    public async Task Hold_AnsweredCall_ReInviteSendOnlyThenSendRecvAndDisplayFollows()
    {
        await ConnectOutgoingAsync();
        var holding = _agent.Calls.ToggleHoldAsync(CancellationToken.None);
        var hold = await _agent.Peer.NextRequestAsync("INVITE");
        Assert.Contains("a=sendonly", Encoding.UTF8.GetString(hold.Body.Span), StringComparison.Ordinal);
        await _agent.Peer.RespondAsync(hold, 200, ScriptedSipPeer.Sdp(2, CallSync.Sdp.SdpDirection.RecvOnly));
        Assert.True(await holding.WaitAsync(TimeSpan.FromSeconds(10)));
        await InProcessAgent.Eventually(() => _agent.Board.Display.Get(0).StartsWith("On hold", StringComparison.Ordinal), "the hold on the display");

        var resuming = _agent.Calls.ToggleHoldAsync(CancellationToken.None);
        var resume = await _agent.Peer.NextRequestAsync("INVITE");
        Assert.Contains("a=sendrecv", Encoding.UTF8.GetString(resume.Body.Span), StringComparison.Ordinal);
        await _agent.Peer.RespondAsync(resume, 200, ScriptedSipPeer.Sdp(3));
        Assert.False(await resuming.WaitAsync(TimeSpan.FromSeconds(10)));
        await InProcessAgent.Eventually(() => _agent.Board.Display.Get(0).StartsWith("Talking", StringComparison.Ordinal), "talking on the display");
    }

    [Fact]
    public async Task Talking_PeerSendsNoMedia_SystemHangsUpAfterInactivityTimeout()
    {
        var (_, ok) = await AnswerIncomingAsync("in-silent");
        _agent.Talk(TimeSpan.FromSeconds(29));
        Assert.Null(await _agent.Peer.TryNextRequestAsync("BYE", TimeSpan.FromMilliseconds(200)));
        _agent.Talk(TimeSpan.FromSeconds(2));
        var bye = await _agent.Peer.NextRequestAsync("BYE");
        Assert.Equal(ok.CallId, bye.CallId);

        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(CallEndedBy.System, record.EndedBy);
        Assert.Contains("no media", record.SipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Talking_PeerSendsDtmfAsSipInfo_DigitsInTheRecord()
    {
        var (_, ok) = await AnswerIncomingAsync("in-dtmf");
        _agent.Talk(TimeSpan.FromSeconds(1));
        await _agent.Peer.InDialogAsync(ok, "INFO", "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
        await _agent.Peer.NextResponseAsync(200, "INFO");
        await _agent.Peer.InDialogAsync(ok, "INFO", "application/dtmf", "#");
        await _agent.Peer.NextResponseAsync(200, "INFO");
        await _agent.Peer.InDialogAsync(ok, "INFO", "application/x-unknown", "?");
        await _agent.Peer.NextResponseAsync(415, "INFO");
        await _agent.Peer.InDialogAsync(ok, "BYE");

        var record = Assert.Single(await _agent.RecordsAsync(1));
        Assert.Equal(["5", "#"], record.Dtmf.Select(d => d.Digit));
        Assert.All(record.Dtmf, d => Assert.Equal(DtmfDigit.SipInfo, d.Method));
        Assert.Equal(1.0, record.Dtmf[0].OffsetSeconds, precision: 1);
    }

    [Fact]
    public async Task Crash_WhileTalking_NextStartRecordsTheCallAsEndedBySystem()
    {
        var (invite, _) = await AnswerIncomingAsync("in-crash");
        _agent.Talk(TimeSpan.FromSeconds(3));
        var recording = Directory.GetFiles(Path.Combine(_dir, "recordings"), "*.opus").Single();
        await InProcessAgent.Eventually(() => new FileInfo(recording).Length > 4096, "audio pages on disk"); // the recorder writes on its own thread

        // What a power cut leaves: the data directory as it is mid-call (journal, database, recording so far).
        var crashed = Path.Combine(_dir, "crashed");
        CopyDirectory(_dir, crashed);
        await using var next = await InProcessAgent.StartAsync(crashed, new FakeTimeProvider(T0.AddHours(1)));
        var record = Assert.Single(await next.RecordsAsync(1));
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal(CallEndedBy.System, record.EndedBy);
        Assert.Equal(invite.CallId, record.CallId);
        Assert.True(record.Recording?.CutShort);
        // Talk time is what the recording kept (pages not yet on disk are lost with the power), never the hour the phone was down.
        Assert.InRange(record.TalkSeconds, 0.01, 3.1);
        Assert.Equal(record.Recording!.Seconds, record.TalkSeconds, precision: 2);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.EndsWith(".sock", StringComparison.Ordinal) || relative.StartsWith("crashed", StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
