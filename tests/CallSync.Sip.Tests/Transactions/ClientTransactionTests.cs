using System.Net;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Sip.Tests.Transactions;

public sealed class ClientTransactionTests
{
    private static readonly SipTarget Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060));
    private static readonly SipTarget Tcp = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5060));
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender;
    private readonly SipTransactionLayer _layer;

    public ClientTransactionTests()
    {
        _sender = new RecordingSender(_time);
        _layer = new SipTransactionLayer(_sender, new SipTimerOptions(), _time);
    }

    private double[] SendOffsets(string method, DateTimeOffset start) =>
        [.. _sender.Sent.Where(s => s.Message is SipRequest r && r.Method.Name == method).Select(s => (s.At - start).TotalSeconds)];

    private void AdvanceSeconds(double seconds, double step = 0.25)
    {
        for (var t = 0.0; t < seconds; t += step)
        {
            _time.Advance(TimeSpan.FromSeconds(step));
        }
    }

    [Fact]
    public async Task Invite_NoResponseOverUdp_RetransmitsWithTimerAAndTimesOutWithTimerB()
    {
        var start = _time.GetUtcNow();
        var tx = _layer.SendRequest(TestMessages.Request("INVITE"), Udp);
        AdvanceSeconds(33);
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], SendOffsets("INVITE", start));
        Assert.True(tx.Completion.IsCompleted);
        Assert.True((await tx.Completion).TimedOut);
        Assert.Equal(408, (await tx.Completion).StatusCode);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, _layer.ClientCount);
    }

    [Fact]
    public async Task Invite_OverTcp_DoesNotRetransmit()
    {
        var tx = _layer.SendRequest(TestMessages.Request("INVITE"), Tcp);
        AdvanceSeconds(33);
        Assert.Single(_sender.Requests("INVITE"));
        Assert.True((await tx.Completion).TimedOut);
    }

    [Fact]
    public void Invite_ProvisionalResponse_StopsRetransmissionsAndTimerB()
    {
        var request = TestMessages.Request("INVITE");
        var tx = _layer.SendRequest(request, Udp);
        _layer.OnMessageReceived(TestMessages.Response(request, 180), Udp);
        AdvanceSeconds(40);
        Assert.Single(_sender.Requests("INVITE"));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.False(tx.Completion.IsCompleted);
    }

    [Fact]
    public async Task Invite_BusyFinal_AcksInTransactionAndAbsorbsRetransmissions()
    {
        var request = TestMessages.Request("INVITE", cseq: 7);
        var tx = _layer.SendRequest(request, Udp);
        var delivered = new List<int>();
        tx.ResponseReceived += (_, r) => delivered.Add(r.StatusCode);
        var busy = TestMessages.Response(request, 486, "remote-tag");
        _layer.OnMessageReceived(TestMessages.Response(request, 180, "remote-tag"), Udp);
        _layer.OnMessageReceived(busy, Udp);
        _layer.OnMessageReceived(busy, Udp);
        Assert.Equal([180, 486], delivered);
        Assert.Equal(486, (await tx.Completion).StatusCode);
        var acks = _sender.Requests("ACK");
        Assert.Equal(2, acks.Count);
        var ack = acks[0];
        Assert.Equal(request.RequestUriText, ack.RequestUriText);
        Assert.Equal("z9hG4bKabc", ack.TopVia!.Branch);
        Assert.Equal("remote-tag", ack.To!.Tag);
        Assert.Equal(7u, ack.CSeq.Sequence);
        Assert.Equal(SipMethod.Ack, ack.CSeq.Method);
        Assert.Equal(SipTransactionState.Completed, tx.State);
        AdvanceSeconds(32.5);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, _layer.ClientCount);
    }

    [Fact]
    public void Invite_SuccessFinal_AcceptedPassesRetransmitted2xxToUserAgent()
    {
        var request = TestMessages.Request("INVITE");
        var tx = _layer.SendRequest(request, Udp);
        var delivered = 0;
        tx.ResponseReceived += (_, r) => delivered += r.StatusCode == 200 ? 1 : 0;
        var ok = TestMessages.Response(request, 200);
        _layer.OnMessageReceived(ok, Udp);
        _layer.OnMessageReceived(ok, Udp);
        Assert.Equal(2, delivered);
        Assert.Equal(SipTransactionState.Accepted, tx.State);
        Assert.Empty(_sender.Requests("ACK")); // the 2xx ACK belongs to the dialog
        AdvanceSeconds(32.5);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        var stray = 0;
        _layer.StrayResponseReceived += (_, _) => stray++;
        _layer.OnMessageReceived(ok, Udp);
        Assert.Equal(1, stray);
    }

    [Fact]
    public async Task NonInvite_NoResponse_TimerEDoublesToT2AndTimerFTimesOut()
    {
        var start = _time.GetUtcNow();
        var tx = _layer.SendRequest(TestMessages.Request("REGISTER"), Udp);
        AdvanceSeconds(33);
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], SendOffsets("REGISTER", start));
        Assert.True((await tx.Completion).TimedOut);
    }

    [Fact]
    public void NonInvite_Provisional_RetransmitsEveryT2()
    {
        var start = _time.GetUtcNow();
        var request = TestMessages.Request("OPTIONS");
        var tx = _layer.SendRequest(request, Udp);
        AdvanceSeconds(0.75);
        _layer.OnMessageReceived(TestMessages.Response(request, 100), Udp);
        AdvanceSeconds(10);
        Assert.Equal([0, 0.5, 1.5, 5.5, 9.5], SendOffsets("OPTIONS", start));
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
    }

    [Fact]
    public async Task NonInvite_Final_CompletesAndTimerKTerminates()
    {
        var request = TestMessages.Request("REGISTER");
        var tx = _layer.SendRequest(request, Udp);
        var ok = TestMessages.Response(request, 200);
        _layer.OnMessageReceived(ok, Udp);
        _layer.OnMessageReceived(ok, Udp);
        Assert.Equal(200, (await tx.Completion).StatusCode);
        Assert.Equal(SipTransactionState.Completed, tx.State);
        AdvanceSeconds(6);
        Assert.Single(_sender.Requests("REGISTER"));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void OnMessageReceived_ResponseWithOtherMethod_DoesNotMatch()
    {
        var request = TestMessages.Request("INVITE");
        var tx = _layer.SendRequest(request, Udp);
        var cancelResponse = TestMessages.Response(TestMessages.Request("CANCEL"), 200);
        var stray = 0;
        _layer.StrayResponseReceived += (_, _) => stray++;
        _layer.OnMessageReceived(cancelResponse, Udp);
        Assert.Equal(1, stray);
        Assert.Equal(SipTransactionState.Calling, tx.State);
    }
}
