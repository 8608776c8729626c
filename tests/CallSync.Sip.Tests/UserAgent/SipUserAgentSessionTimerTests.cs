using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Sip.Tests.UserAgent;

/// <summary>
/// Session timers (RFC 4028) against a scripted peer on loopback UDP; the agent's timers run on fake time, so
/// "at half the interval" and "at interval - min(32, interval/3)" are checked to the second.
/// </summary>
public sealed class SipUserAgentSessionTimerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private static (string, string) Se(string value) => (SipHeaderNames.SessionExpires, value);

    private static (string, string) RequireTimer => (SipHeaderNames.Require, "timer");

    private static (string, string) SupportedTimer => (SipHeaderNames.Supported, "timer");

    private static string Body(SipMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    private sealed class Harness : IAsyncDisposable
    {
        private Harness(SipUserAgent ua, FakeTimeProvider time, TestMediaFactory media, ScriptedSipPeer peer)
        {
            Ua = ua;
            Time = time;
            Media = media;
            Peer = peer;
        }

        public SipUserAgent Ua { get; }

        public FakeTimeProvider Time { get; }

        public TestMediaFactory Media { get; }

        public ScriptedSipPeer Peer { get; }

        public static async Task<Harness> StartAsync(bool autoAnswer = false, string? password = null)
        {
            var time = new FakeTimeProvider();
            var media = new TestMediaFactory();
            var ua = media.Attach(new SipUserAgent(new SipUserAgentOptions
            {
                User = "1001",
                ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
                Password = password,
            }, time), autoAnswer);
            await ua.StartAsync();
            return new Harness(ua, time, media, new ScriptedSipPeer(ua.LocalEndPoints[0].EndPoint));
        }

        /// <summary>
        /// Advances fake time to one second before <paramref name="due"/> and checks no <paramref name="method"/> came,
        /// then two seconds more and returns the request that came.
        /// </summary>
        public async Task<SipRequest> ExpectAtAsync(string method, TimeSpan due)
        {
            Time.Advance(due - TimeSpan.FromSeconds(1));
            Assert.Null(await Peer.TryNextRequestAsync(method, Quiet));
            Time.Advance(TimeSpan.FromSeconds(2));
            return await Peer.NextRequestAsync(method);
        }

        /// <summary>Places a call the peer answers with <paramref name="answerHeaders"/>; returns once it is up.</summary>
        public async Task<(SipCall Call, SipRequest Invite)> ConnectOutgoingAsync(params (string, string)[] answerHeaders)
        {
            var call = Media.PlaceCall(Ua, Peer.Uri);
            var invite = await Peer.NextRequestAsync("INVITE");
            await Peer.RespondAsync(invite, 200, ScriptedSipPeer.Sdp(), extra: answerHeaders);
            await Peer.NextRequestAsync("ACK");
            await WaitUntilAsync(() => call.State == SipCallState.Answered);
            return (call, invite);
        }

        /// <summary>The peer calls, the agent answers at once; returns the INVITE and the agent's 200, after the ACK was processed.</summary>
        public async Task<(SipCall Call, SipRequest Invite, SipResponse Ok)> ConnectIncomingAsync(params (string, string)[] inviteHeaders)
        {
            var incoming = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
            Ua.OnIncoming(c => incoming.TrySetResult(c));
            var invite = await Peer.InviteAsync("st-" + SipIds.NewTag(), inviteHeaders);
            var ok = await Peer.NextResponseAsync(200, "INVITE");
            await Peer.InDialogAsync(ok, "ACK", invite.CSeq.Sequence);
            await Peer.SyncAsync();
            return (await incoming.Task.WaitAsync(TimeSpan.FromSeconds(10)), invite, ok);
        }

        public async ValueTask DisposeAsync()
        {
            await Ua.DisposeAsync();
            await Peer.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }

    [Fact]
    public async Task PlaceCall_SessionTimersOn_InviteCarriesSupportedTimerSessionExpiresAndMinSe()
    {
        await using var h = await Harness.StartAsync();
        h.Media.PlaceCall(h.Ua, h.Peer.Uri);
        var invite = await h.Peer.NextRequestAsync("INVITE");

        Assert.Contains("timer", invite.Supported);
        Assert.Equal(TimeSpan.FromSeconds(1800), invite.SessionExpires!.Interval);
        Assert.Null(invite.SessionExpires.Refresher); // the UAS chooses
        Assert.Equal(TimeSpan.FromSeconds(90), invite.MinSessionExpires);
        Assert.Equal("1800", invite.Headers.GetValue(SipHeaderNames.SessionExpires));
        Assert.Equal("90", invite.Headers.GetValue(SipHeaderNames.MinSE));
    }

    [Fact]
    public async Task SessionTimer_WeAreRefresher_ReInviteAtHalfIntervalWithUnchangedSdp()
    {
        await using var h = await Harness.StartAsync();
        var (call, invite) = await h.ConnectOutgoingAsync(Se("1800;refresher=uac"), RequireTimer);
        Assert.Equal(TimeSpan.FromSeconds(1800), call.SessionInterval);
        Assert.True(call.IsSessionRefresher);

        var refresh = await h.ExpectAtAsync("INVITE", TimeSpan.FromSeconds(900));
        Assert.Equal(invite.CallId, refresh.CallId);
        Assert.Equal("peer", refresh.To!.Tag);
        Assert.True(refresh.CSeq.Sequence > invite.CSeq.Sequence);
        Assert.Equal(Body(invite), Body(refresh)); // same description, same o= version
        Assert.Equal(TimeSpan.FromSeconds(1800), refresh.SessionExpires!.Interval);
        Assert.Equal("uac", refresh.SessionExpires.Refresher);
        Assert.Contains("timer", refresh.Supported);

        await h.Peer.RespondAsync(refresh, 200, ScriptedSipPeer.Sdp(), extra: [Se("1800;refresher=uac"), RequireTimer]);
        await h.Peer.NextRequestAsync("ACK");

        // The interval restarts at the refresh: the next one is another 900 s on.
        var second = await h.ExpectAtAsync("INVITE", TimeSpan.FromSeconds(900));
        Assert.True(second.CSeq.Sequence > refresh.CSeq.Sequence);
        Assert.Equal(SipCallState.Answered, call.State);
        Assert.Single(h.Media.Created[call.CallId].Started); // an unchanged answer does not restart media
    }

    [Theory]
    [InlineData(1800, 1768)]
    [InlineData(90, 60)]
    public async Task SessionTimer_PeerRefreshesButGoesSilent_ByeAtIntervalMinusMin32OrThird(int interval, int byeAt)
    {
        await using var h = await Harness.StartAsync();
        var (call, _) = await h.ConnectOutgoingAsync(Se($"{interval};refresher=uas"));
        Assert.False(call.IsSessionRefresher);

        var bye = await h.ExpectAtAsync("BYE", TimeSpan.FromSeconds(byeAt));
        Assert.Null(await h.Peer.TryNextRequestAsync("INVITE", Quiet)); // the non-refresher never refreshes
        Assert.Equal(call.CallId, bye.CallId);
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallParty.System, outcome.EndedBy);
        Assert.Equal("session expired", outcome.Reason);
        Assert.Equal(200, outcome.StatusCode);
    }

    [Fact]
    public async Task PlaceCall_Answered422_RetriesOnceWithMinSeOfTheAnswer()
    {
        await using var h = await Harness.StartAsync();
        var call = h.Media.PlaceCall(h.Ua, h.Peer.Uri);
        var first = await h.Peer.NextRequestAsync("INVITE");
        await h.Peer.RespondAsync(first, 422, extra: [(SipHeaderNames.MinSE, "3600")]);
        await h.Peer.NextRequestAsync("ACK");

        var second = await h.Peer.NextRequestAsync("INVITE");
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.From!.Tag, second.From!.Tag);
        Assert.Equal(first.CSeq.Sequence + 1, second.CSeq.Sequence);
        Assert.NotEqual(first.TopVia!.Branch, second.TopVia!.Branch);
        Assert.Equal(TimeSpan.FromSeconds(3600), second.SessionExpires!.Interval);
        Assert.Equal(TimeSpan.FromSeconds(3600), second.MinSessionExpires);

        await h.Peer.RespondAsync(second, 200, ScriptedSipPeer.Sdp(), extra: [Se("3600;refresher=uac"), RequireTimer]);
        await WaitUntilAsync(() => call.State == SipCallState.Answered);
        Assert.Equal(TimeSpan.FromSeconds(3600), call.SessionInterval);
    }

    [Fact]
    public async Task PlaceCall_Answered422Twice_FailsWith422WithoutThirdInvite()
    {
        await using var h = await Harness.StartAsync();
        var call = h.Media.PlaceCall(h.Ua, h.Peer.Uri);
        await h.Peer.RespondAsync(await h.Peer.NextRequestAsync("INVITE"), 422, extra: [(SipHeaderNames.MinSE, "3600")]);
        await h.Peer.RespondAsync(await h.Peer.NextRequestAsync("INVITE"), 422, extra: [(SipHeaderNames.MinSE, "7200")]);

        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Failed, outcome.Result);
        Assert.Equal(422, outcome.StatusCode);
        Assert.Null(await h.Peer.TryNextRequestAsync("INVITE", Quiet));
    }

    [Theory]
    [InlineData(481, false)]
    [InlineData(408, true)]
    public async Task SessionTimer_RefreshAnsweredWithDialogFailure_CallEnds(int status, bool byeExpected)
    {
        await using var h = await Harness.StartAsync();
        var (call, _) = await h.ConnectOutgoingAsync(Se("1800;refresher=uac"), RequireTimer);
        var refresh = await h.ExpectAtAsync("INVITE", TimeSpan.FromSeconds(900));
        await h.Peer.RespondAsync(refresh, status);

        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallParty.System, outcome.EndedBy);
        Assert.StartsWith($"session refresh failed: {status} ", outcome.Reason, StringComparison.Ordinal);
        var bye = await h.Peer.TryNextRequestAsync("BYE", byeExpected ? TimeSpan.FromSeconds(10) : Quiet);
        Assert.Equal(byeExpected, bye is not null);
    }

    [Fact]
    public async Task SessionTimer_RefreshChallenged407_RetriedOnceWithProxyAuthorization()
    {
        await using var h = await Harness.StartAsync(password: "pw");
        var (call, _) = await h.ConnectOutgoingAsync(Se("1800;refresher=uac"), RequireTimer);
        var refresh = await h.ExpectAtAsync("INVITE", TimeSpan.FromSeconds(900));
        Assert.Empty(refresh.ProxyAuthorization);
        await h.Peer.RespondAsync(refresh, 407, extra: [(SipHeaderNames.ProxyAuthenticate, "Digest realm=\"proxy\", nonce=\"n1\", qop=\"auth\"")]);

        var retried = await h.Peer.NextRequestAsync("INVITE");
        var credentials = Assert.Single(retried.ProxyAuthorization);
        Assert.Equal("n1", credentials.Nonce);
        Assert.True(retried.CSeq.Sequence > refresh.CSeq.Sequence);
        Assert.Equal(Body(refresh), Body(retried));
        await h.Peer.RespondAsync(retried, 200, ScriptedSipPeer.Sdp(), extra: [Se("1800;refresher=uac"), RequireTimer]);
        await h.Peer.NextRequestAsync("ACK");
        Assert.Equal(SipCallState.Answered, call.State);
        Assert.Equal(TimeSpan.FromSeconds(1800), call.SessionInterval);
    }

    [Fact]
    public async Task SessionTimer_RefreshWhileOnHold_KeepsHoldThenResumeWorks()
    {
        await using var h = await Harness.StartAsync();
        var (call, _) = await h.ConnectOutgoingAsync(Se("1800;refresher=uac"), RequireTimer);
        var media = h.Media.Created[call.CallId];

        var holding = call.SetHoldAsync(true);
        var hold = await h.Peer.NextRequestAsync("INVITE");
        Assert.Contains("a=sendonly", Body(hold), StringComparison.Ordinal);
        Assert.Equal("uac", hold.SessionExpires!.Refresher);
        await h.Peer.RespondAsync(hold, 200, ScriptedSipPeer.Sdp(2, SdpDirection.RecvOnly), extra: [Se("1800;refresher=uac"), RequireTimer]);
        Assert.True(await holding.WaitAsync(TimeSpan.FromSeconds(10)));
        await h.Peer.NextRequestAsync("ACK");
        Assert.Equal(SipCallState.Held, call.State);
        var startedBeforeRefresh = media.Started.Count;

        var refresh = await h.ExpectAtAsync("INVITE", TimeSpan.FromSeconds(900));
        Assert.Equal(Body(hold), Body(refresh)); // still sendonly, version unchanged
        await h.Peer.RespondAsync(refresh, 200, ScriptedSipPeer.Sdp(2, SdpDirection.RecvOnly), extra: [Se("1800;refresher=uac"), RequireTimer]);
        await h.Peer.NextRequestAsync("ACK");
        Assert.Equal(SipCallState.Held, call.State);
        Assert.Equal(SdpDirection.SendOnly, call.Media!.Direction);
        Assert.Equal(startedBeforeRefresh, media.Started.Count);

        var resuming = call.SetHoldAsync(false);
        var resume = await h.Peer.NextRequestAsync("INVITE");
        Assert.Contains("a=sendrecv", Body(resume), StringComparison.Ordinal);
        await h.Peer.RespondAsync(resume, 200, ScriptedSipPeer.Sdp(3), extra: [Se("1800;refresher=uac"), RequireTimer]);
        Assert.True(await resuming.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(SipCallState.Answered, call.State);
        Assert.Equal(SdpDirection.SendRecv, call.Media!.Direction);
    }

    [Fact]
    public async Task SessionTimer_PeerReInviteWhileOurRefreshPending_Answered491()
    {
        await using var h = await Harness.StartAsync();
        var (call, _) = await h.ConnectOutgoingAsync(Se("1800;refresher=uac"), RequireTimer);
        var refresh = await h.ExpectAtAsync("INVITE", TimeSpan.FromSeconds(900));

        // Glare (RFC 3261 14.2): the peer's own re-INVITE crosses ours.
        var crossing = await h.Peer.InDialogAsync(AsAgentDialog(refresh), "INVITE", sdp: ScriptedSipPeer.Sdp());
        var pending = await h.Peer.NextResponseAsync(491, "INVITE");
        Assert.Equal(crossing.CSeq.Sequence, pending.CSeq.Sequence);

        await h.Peer.RespondAsync(refresh, 200, ScriptedSipPeer.Sdp(), extra: [Se("1800;refresher=uac"), RequireTimer]);
        await h.Peer.NextRequestAsync("ACK");
        Assert.Equal(SipCallState.Answered, call.State);
    }

    [Theory]
    [InlineData(60, 90)]
    [InlineData(-1, 90)]
    [InlineData(1800, 0)]
    public void Constructor_InvalidSessionTimerOptions_Throws(int sessionExpires, int minSessionExpires)
    {
        Assert.Throws<ArgumentException>(() => new SipUserAgent(new SipUserAgentOptions
        {
            User = "1001",
            ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
            SessionExpires = TimeSpan.FromSeconds(sessionExpires),
            MinSessionExpires = TimeSpan.FromSeconds(minSessionExpires),
        }));
    }

    /// <summary>The agent's request seen from the peer as a dialog to send in: the agent's tag is in From, ours in To.</summary>
    private static SipResponse AsAgentDialog(SipRequest agentRequest)
    {
        var b = new SipResponseBuilder(200);
        b.AddHeader(SipHeaderNames.Via, agentRequest.TopVia!.ToString());
        b.AddHeader(SipHeaderNames.From, agentRequest.Headers.GetValue(SipHeaderNames.To)!);
        b.AddHeader(SipHeaderNames.To, agentRequest.Headers.GetValue(SipHeaderNames.From)!);
        b.AddHeader(SipHeaderNames.CallId, agentRequest.CallId);
        b.AddHeader(SipHeaderNames.CSeq, agentRequest.Headers.GetValue(SipHeaderNames.CSeq)!);
        b.AddHeader(SipHeaderNames.Contact, agentRequest.Headers.GetValue(SipHeaderNames.Contact)!);
        return b.Build();
    }

    [Fact]
    public async Task IncomingInvite_SessionExpiresBelowMinSe_Answered422WithOurMinSe()
    {
        await using var h = await Harness.StartAsync(autoAnswer: true);
        var rang = false;
        h.Ua.OnIncoming(_ => rang = true);
        await h.Peer.InviteAsync("st-small", SupportedTimer, Se("30"));

        var tooSmall = await h.Peer.NextResponseAsync(422, "INVITE");
        Assert.Equal(TimeSpan.FromSeconds(90), tooSmall.MinSessionExpires);
        Assert.Equal("Session Interval Too Small", tooSmall.ReasonPhrase);
        Assert.False(rang);
        Assert.Empty(h.Ua.Calls);
    }

    [Fact]
    public async Task IncomingInvite_UacSupportsTimerWithoutRefresher_UacRefreshesAndSilenceEndsCall()
    {
        await using var h = await Harness.StartAsync(autoAnswer: true);
        var (call, _, ok) = await h.ConnectIncomingAsync(SupportedTimer, Se("1800"), (SipHeaderNames.MinSE, "90"));
        Assert.Equal(TimeSpan.FromSeconds(1800), ok.SessionExpires!.Interval);
        Assert.Equal("uac", ok.SessionExpires.Refresher);
        Assert.Contains("timer", ok.Require); // RFC 4028 9: refresher=uac needs Require: timer
        Assert.Contains("timer", ok.Supported);
        Assert.False(call.IsSessionRefresher);

        var bye = await h.ExpectAtAsync("BYE", TimeSpan.FromSeconds(1768));
        Assert.Equal(call.CallId, bye.CallId);
        var outcome = await call.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SipCallParty.System, outcome.EndedBy);
        Assert.Equal("session expired", outcome.Reason);
    }

    [Fact]
    public async Task IncomingInvite_PeerRefreshesWithSameSdp_ExpiryMovesAndAnswerUnchanged()
    {
        await using var h = await Harness.StartAsync(autoAnswer: true);
        var (call, _, ok) = await h.ConnectIncomingAsync(SupportedTimer, Se("1800;refresher=uac"));

        h.Time.Advance(TimeSpan.FromSeconds(900));
        var refresh = await h.Peer.InDialogAsync(ok, "INVITE", sdp: ScriptedSipPeer.Sdp(), extra: [SupportedTimer, Se("1800;refresher=uac")]);
        var refreshed = await h.Peer.NextResponseAsync(200, "INVITE");
        Assert.Equal(refresh.CSeq.Sequence, refreshed.CSeq.Sequence);
        Assert.Equal("uac", refreshed.SessionExpires!.Refresher);
        Assert.Equal(Body(ok), Body(refreshed)); // our description and its version unchanged
        await h.Peer.InDialogAsync(refreshed, "ACK", refresh.CSeq.Sequence);
        await h.Peer.SyncAsync();

        // Without the refresh the BYE would come 868 s from now; with it, 1768 s from the refresh.
        var bye = await h.ExpectAtAsync("BYE", TimeSpan.FromSeconds(1768));
        Assert.Equal(call.CallId, bye.CallId);
        Assert.Equal("session expired", (await call.Completion.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
        Assert.Single(h.Media.Created[call.CallId].Started);
    }

    [Fact]
    public async Task IncomingInvite_UacWithoutTimerSupport_WeRefreshAndA2xxWithoutSessionExpiresStopsTheTimer()
    {
        await using var h = await Harness.StartAsync(autoAnswer: true);
        var (call, invite, ok) = await h.ConnectIncomingAsync();
        Assert.Equal(TimeSpan.FromSeconds(1800), ok.SessionExpires!.Interval);
        Assert.Equal("uas", ok.SessionExpires.Refresher);
        Assert.DoesNotContain("timer", ok.Require);
        Assert.True(call.IsSessionRefresher);

        var refresh = await h.ExpectAtAsync("INVITE", TimeSpan.FromSeconds(900));
        Assert.Equal(invite.CallId, refresh.CallId);
        Assert.Equal(Body(ok), Body(refresh)); // our last description re-offered as it was
        Assert.Equal("uac", refresh.SessionExpires!.Refresher);
        await h.Peer.RespondAsync(refresh, 200, ScriptedSipPeer.Sdp());
        await h.Peer.NextRequestAsync("ACK");
        Assert.Null(call.SessionInterval); // RFC 4028 7.2: a 2xx without Session-Expires turns the timer off
        h.Time.Advance(TimeSpan.FromSeconds(3600));
        Assert.Null(await h.Peer.TryNextRequestAsync("INVITE", Quiet));
        Assert.Null(await h.Peer.TryNextRequestAsync("BYE", Quiet));
        Assert.Equal(SipCallState.Answered, call.State);
    }
}
