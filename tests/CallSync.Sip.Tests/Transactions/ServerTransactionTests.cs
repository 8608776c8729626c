using System.Net;
using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Tests.Fakes;
using CallSync.Sip.Transactions;
using CallSync.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Sip.Tests.Transactions;

public sealed class ServerTransactionTests
{
    private static readonly SipTarget Udp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060));
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender;
    private readonly SipTransactionLayer _layer;
    private readonly List<SipServerTransaction> _received = [];

    public ServerTransactionTests()
    {
        _sender = new RecordingSender(_time);
        _layer = new SipTransactionLayer(_sender, new SipTimerOptions(), _time);
        _layer.RequestReceived += _received.Add;
    }

    private void AdvanceSeconds(double seconds)
    {
        for (var t = 0.0; t < seconds; t += 0.25)
        {
            _time.Advance(TimeSpan.FromSeconds(0.25));
        }
    }

    [Fact]
    public void Invite_New_SendsTryingAndRaisesRequestReceivedOnce()
    {
        var invite = TestMessages.Request("INVITE");
        _layer.OnMessageReceived(invite, Udp);
        _layer.OnMessageReceived(invite, Udp);
        var tx = Assert.Single(_received);
        Assert.IsType<SipInviteServerTransaction>(tx);
        Assert.Equal(2, _sender.Responses(100).Count); // the retransmission got the last response again
        Assert.All(_sender.Sent, s => Assert.Equal(Udp, s.Target));
    }

    [Fact]
    public void Invite_RejectedOverUdp_TimerGRetransmitsUntilAck()
    {
        var invite = TestMessages.Request("INVITE");
        _layer.OnMessageReceived(invite, Udp);
        var tx = _received[0];
        var start = _time.GetUtcNow();
        Assert.True(tx.SendResponse(TestMessages.Response(invite, 486)));
        AdvanceSeconds(8);
        var offsets = _sender.Sent.Where(s => s.Message is SipResponse { StatusCode: 486 }).Select(s => (s.At - start).TotalSeconds).ToArray();
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5], offsets);
        var ack = TestMessages.Request("ACK", cseqMethod: "ACK", toTag: "tt1");
        _layer.OnMessageReceived(ack, Udp);
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        AdvanceSeconds(6);
        Assert.Equal(5, _sender.Responses(486).Count);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, _layer.ServerCount);
    }

    [Fact]
    public void Invite_RejectedNeverAcked_TimerHRaisesAckTimedOut()
    {
        var invite = TestMessages.Request("INVITE");
        _layer.OnMessageReceived(invite, Udp);
        var tx = _received[0];
        var timedOut = false;
        tx.AckTimedOut += _ => timedOut = true;
        tx.SendResponse(TestMessages.Response(invite, 603));
        AdvanceSeconds(33);
        Assert.True(timedOut);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_Answered_AckForTwoHundredGoesToUserAgent()
    {
        var invite = TestMessages.Request("INVITE");
        _layer.OnMessageReceived(invite, Udp);
        var tx = _received[0];
        Assert.True(tx.SendResponse(TestMessages.Response(invite, 200)));
        Assert.Equal(SipTransactionState.Accepted, tx.State);
        Assert.False(tx.SendResponse(TestMessages.Response(invite, 486)));
        _layer.OnMessageReceived(invite, Udp); // retransmitted INVITE in Accepted: absorbed
        Assert.Single(_sender.Responses(200));
        SipRequest? ack = null;
        _layer.AckReceived += (r, _) => ack = r;
        _layer.OnMessageReceived(TestMessages.Request("ACK", branch: "z9hG4bKother", cseqMethod: "ACK", toTag: "tt1"), Udp);
        Assert.NotNull(ack);
        Assert.Single(_received);
    }

    [Fact]
    public void Cancel_MatchingInvite_LinksInviteTransaction()
    {
        var invite = TestMessages.Request("INVITE");
        _layer.OnMessageReceived(invite, Udp);
        _layer.OnMessageReceived(TestMessages.Request("CANCEL"), Udp);
        Assert.Equal(2, _received.Count);
        Assert.Same(_received[0], _received[1].CancelledInvite);
        Assert.IsType<SipNonInviteServerTransaction>(_received[1]);
    }

    [Fact]
    public void Cancel_OtherBranch_HasNoInvite()
    {
        _layer.OnMessageReceived(TestMessages.Request("INVITE"), Udp);
        _layer.OnMessageReceived(TestMessages.Request("CANCEL", branch: "z9hG4bKzzz"), Udp);
        Assert.Null(_received[1].CancelledInvite);
    }

    [Fact]
    public void NonInvite_RetransmissionAfterFinal_ResendsFinalUntilTimerJ()
    {
        var options = TestMessages.Request("OPTIONS");
        _layer.OnMessageReceived(options, Udp);
        _layer.OnMessageReceived(options, Udp); // Trying: absorbed silently
        Assert.Empty(_sender.Sent);
        var tx = Assert.Single(_received);
        tx.SendResponse(TestMessages.Response(options, 200));
        _layer.OnMessageReceived(options, Udp);
        Assert.Equal(2, _sender.Responses(200).Count);
        AdvanceSeconds(32.5);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        _layer.OnMessageReceived(options, Udp); // now a new transaction
        Assert.Equal(2, _received.Count);
    }

    [Fact]
    public void WithReceived_RportRequested_FillsReceivedAndRport()
    {
        var request = TestMessages.Request("INVITE", sentBy: "10.0.0.5:5062");
        var rewritten = SipMessages.WithReceived(request, new IPEndPoint(IPAddress.Parse("203.0.113.7"), 40123));
        Assert.Equal("203.0.113.7", rewritten.TopVia!.Received);
        Assert.Equal(40123, rewritten.TopVia.RPort);
        Assert.Equal("z9hG4bKabc", rewritten.TopVia.Branch);
        var response = SipMessages.CreateResponse(rewritten, 200);
        Assert.Equal("203.0.113.7", response.TopVia!.Received);
    }
}
