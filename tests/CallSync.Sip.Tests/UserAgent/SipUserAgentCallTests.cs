using System.Net;
using System.Net.Sockets;
using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transport;
using CallSync.Sip.UserAgent;

namespace CallSync.Sip.Tests.UserAgent;

/// <summary>Two user agents talking over loopback UDP: the call flows end to end, with bounded waits.</summary>
public sealed class SipUserAgentCallTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private SipUserAgent _alice = null!;
    private SipUserAgent _bob = null!;
    private TestMediaFactory _aliceMedia = null!;
    private TestMediaFactory _bobMedia = null!;

    private static SipUserAgentOptions Options(string user, int maxCalls = 2) => new()
    {
        User = user,
        ListenEndPoints = [SipListenEndPoint.Parse("udp:127.0.0.1:0")],
        MaxCalls = maxCalls,
        Media = new SdpLocalMedia { Address = "127.0.0.1", Port = 9, Codecs = [SdpCodec.Opus, SdpCodec.Pcmu, SdpCodec.Pcma] },
    };

    public async Task InitializeAsync()
    {
        _aliceMedia = new TestMediaFactory(port: 41000);
        _bobMedia = new TestMediaFactory(port: 42000);
        _alice = _aliceMedia.Attach(new SipUserAgent(Options("1001")));
        _bob = _bobMedia.Attach(new SipUserAgent(Options("1002", maxCalls: 1)));
        await _alice.StartAsync();
        await _bob.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
    }

    private string BobUri => $"sip:1002@127.0.0.1:{_bob.LocalEndPoints[0].EndPoint.Port}";

    private static Task<SipCall> NextIncomingAsync(SipUserAgent ua)
    {
        var tcs = new TaskCompletionSource<SipCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        ua.OnIncoming(c => tcs.TrySetResult(c));
        return tcs.Task.WaitAsync(Timeout);
    }

    private static async Task WaitForStateAsync(SipCall call, SipCallState state)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (call.State != state)
        {
            await Task.Delay(10, cts.Token);
        }
    }

    [Fact]
    public async Task PlaceCall_AnsweredThenRemoteHangsUp_BothOutcomesAnsweredWithTimestamps()
    {
        var incoming = NextIncomingAsync(_bob);
        var call = _aliceMedia.PlaceCall(_alice, BobUri);
        var bobCall = await incoming;
        await WaitForStateAsync(call, SipCallState.Ringing);
        Assert.Equal("1001", bobCall.RemoteNumber);
        Assert.True(_bobMedia.Answer(bobCall));
        await WaitForStateAsync(call, SipCallState.Answered);

        Assert.Equal("opus", call.Media!.CodecName);
        Assert.Equal(42000, call.Media.RemotePort);
        Assert.Equal(41000, bobCall.Media!.RemotePort);
        Assert.Equal(SdpDirection.SendRecv, bobCall.Media.Direction);

        await bobCall.HangUpAsync();
        var outcome = await call.Completion.WaitAsync(Timeout);
        Assert.Equal(SipCallResult.Answered, outcome.Result);
        Assert.Equal(SipCallParty.Remote, outcome.EndedBy);
        Assert.Equal(SipCallDirection.Outgoing, outcome.Direction);
        Assert.NotNull(outcome.RingingAt);
        Assert.True(outcome.StartedAt <= outcome.RingingAt && outcome.RingingAt <= outcome.AnsweredAt && outcome.AnsweredAt <= outcome.EndedAt);
        Assert.True(_aliceMedia.Created[call.CallId].Stopped);
        var bobOutcome = await bobCall.Completion.WaitAsync(Timeout);
        Assert.Equal(SipCallParty.Local, bobOutcome.EndedBy);
    }

    [Fact]
    public async Task PlaceCall_CalleeRejects_OutcomeRejected603()
    {
        var incoming = NextIncomingAsync(_bob);
        var call = _aliceMedia.PlaceCall(_alice, BobUri);
        Assert.True((await incoming).Reject());
        var outcome = await call.Completion.WaitAsync(Timeout);
        Assert.Equal(SipCallResult.Rejected, outcome.Result);
        Assert.Equal(603, outcome.StatusCode);
        Assert.Equal(SipCallParty.Remote, outcome.EndedBy);
    }

    [Fact]
    public async Task PlaceCall_CallerCancelsWhileRinging_BothSidesCancelled()
    {
        var incoming = NextIncomingAsync(_bob);
        var call = _aliceMedia.PlaceCall(_alice, BobUri);
        var bobCall = await incoming;
        await WaitForStateAsync(call, SipCallState.Ringing);
        await call.HangUpAsync();
        var outcome = await call.Completion.WaitAsync(Timeout);
        Assert.Equal(SipCallResult.Cancelled, outcome.Result);
        Assert.Equal(487, outcome.StatusCode);
        Assert.Equal(SipCallParty.Local, outcome.EndedBy);
        var bobOutcome = await bobCall.Completion.WaitAsync(Timeout);
        Assert.Equal(SipCallResult.Cancelled, bobOutcome.Result);
        Assert.Equal(SipCallParty.Remote, bobOutcome.EndedBy);
        Assert.Null(bobOutcome.AnsweredAt);
    }

    [Fact]
    public async Task PlaceCall_CalleeAtCallLimit_SecondCallBusy486()
    {
        var incoming = NextIncomingAsync(_bob);
        var first = _aliceMedia.PlaceCall(_alice, BobUri);
        await incoming;
        var second = _aliceMedia.PlaceCall(_alice, BobUri);
        var outcome = await second.Completion.WaitAsync(Timeout);
        Assert.Equal(SipCallResult.Busy, outcome.Result);
        Assert.Equal(486, outcome.StatusCode);
        Assert.NotEqual(SipCallState.Ended, first.State);
    }

    [Fact]
    public async Task SetHold_AnsweredCall_ReInviteHoldsAndResumesBothSides()
    {
        var incoming = NextIncomingAsync(_bob);
        var call = _aliceMedia.PlaceCall(_alice, BobUri);
        var bobCall = await incoming;
        Assert.True(_bobMedia.Answer(bobCall));
        await WaitForStateAsync(call, SipCallState.Answered);

        Assert.True(await call.SetHoldAsync(true));
        Assert.Equal(SipCallState.Held, call.State);
        Assert.Equal(SdpDirection.SendOnly, call.Media!.Direction);
        await WaitForStateAsync(bobCall, SipCallState.Held);
        Assert.Equal(SdpDirection.RecvOnly, bobCall.Media!.Direction);

        Assert.True(await call.SetHoldAsync(false));
        Assert.Equal(SipCallState.Answered, call.State);
        await WaitForStateAsync(bobCall, SipCallState.Answered);
        Assert.Equal(SdpDirection.SendRecv, bobCall.Media!.Direction);
        Assert.Equal(3, _bobMedia.Created[bobCall.CallId].Started.Count);
    }

    [Theory]
    [InlineData("OPTIONS", 200)]
    [InlineData("MESSAGE", 405)]
    [InlineData("FROBNICATE", 501)]
    public async Task OutOfDialogRequest_Method_AnsweredWithStatus(string method, int expected)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
        var text = $"{method} sip:1002@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{method}\r\n" +
                   "Max-Forwards: 70\r\nFrom: <sip:x@127.0.0.1>;tag=1\r\nTo: <sip:1002@127.0.0.1>\r\n" +
                   $"Call-ID: {method}-1\r\nCSeq: 1 {method}\r\nContent-Length: 0\r\n\r\n";
        await client.SendAsync(Encoding.ASCII.GetBytes(text), _bob.LocalEndPoints[0].EndPoint);
        var reply = Encoding.ASCII.GetString((await client.ReceiveAsync().WaitAsync(Timeout)).Buffer);
        Assert.StartsWith($"SIP/2.0 {expected} ", reply, StringComparison.Ordinal);
        Assert.Contains("Allow: INVITE, ACK, CANCEL, BYE, OPTIONS", reply, StringComparison.Ordinal);
    }
}
