using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Transactions;

/// <summary>
/// The INVITE client transaction of RFC 3261 section 17.1.1 with the Accepted state of RFC 6026:
/// Timer A retransmits over UDP, Timer B times out in Calling, a non-2xx final is ACKed here and Timer D
/// absorbs its retransmissions; a 2xx moves to Accepted (Timer M) and its retransmissions go to the UA,
/// which ACKs 2xx itself.
/// </summary>
public sealed class SipInviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer _timerA;
    private readonly TransactionTimer _timerB;
    private readonly TransactionTimer _timerWait;
    private TimeSpan _intervalA;
    private SipRequest? _ack;

    internal SipInviteClientTransaction(SipRequest request, SipTarget target, ISipMessageSender sender, SipTimerOptions timers, TimeProvider time)
        : base(request, target, sender, timers, time)
    {
        State = SipTransactionState.Calling;
        _timerA = new TransactionTimer(time, OnTimerA);
        _timerB = new TransactionTimer(time, OnTimerB);
        _timerWait = new TransactionTimer(time, OnTimerWait);
    }

    internal override void Start()
    {
        lock (Gate)
        {
            Sender.Send(Request, Target);
            if (!Target.IsReliable)
            {
                _intervalA = Timers.T1;
                _timerA.Start(_intervalA);
            }

            _timerB.Start(Timers.TransactionTimeout);
        }
    }

    internal override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            var code = response.StatusCode;
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when code < 200:
                    State = SipTransactionState.Proceeding;
                    _timerA.Stop();
                    Deliver(response);
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when code < 300:
                    State = SipTransactionState.Accepted;
                    _timerA.Stop();
                    _timerB.Stop();
                    Deliver(response);
                    Complete(response);
                    _timerWait.Start(Timers.TransactionTimeout); // Timer M (RFC 6026 section 8.4)
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    State = SipTransactionState.Completed;
                    _timerA.Stop();
                    _timerB.Stop();
                    _ack = CreateAck(response);
                    Sender.Send(_ack, Target);
                    Deliver(response);
                    Complete(response);
                    if (Target.IsReliable)
                    {
                        Terminate();
                    }
                    else
                    {
                        _timerWait.Start(Timers.TimerD);
                    }

                    break;
                case SipTransactionState.Accepted when code is >= 200 and < 300:
                    Deliver(response); // retransmitted 2xx: the UA re-sends its ACK
                    break;
                case SipTransactionState.Completed when code >= 300 && _ack is not null:
                    Sender.Send(_ack, Target);
                    break;
            }
        }
    }

    internal override void Abort()
    {
        lock (Gate)
        {
            Terminate();
        }
    }

    private protected override void StopTimers()
    {
        _timerA.Stop();
        _timerB.Stop();
        _timerWait.Stop();
    }

    /// <summary>The ACK for a non-2xx final, built per RFC 3261 section 17.1.1.3.</summary>
    private SipRequest CreateAck(SipResponse response)
    {
        var b = new SipRequestBuilder(SipMethod.Ack, Request.RequestUriText);
        b.AddHeader(SipHeaderNames.Via, Request.TopVia?.ToString() ?? string.Empty);
        b.AddHeader(SipHeaderNames.MaxForwards, "70");
        b.AddHeader(SipHeaderNames.From, Request.Headers.GetValue(SipHeaderNames.From) ?? string.Empty);
        b.AddHeader(SipHeaderNames.To, response.Headers.GetValue(SipHeaderNames.To) ?? string.Empty);
        b.AddHeader(SipHeaderNames.CallId, Request.CallId);
        b.AddHeader(SipHeaderNames.CSeq, new SipCSeq(Request.CSeq.Sequence, SipMethod.Ack).ToString());
        foreach (var route in Request.Headers.GetValues(SipHeaderNames.Route))
        {
            b.AddHeader(SipHeaderNames.Route, route);
        }

        return b.Build();
    }

    private void OnTimerA()
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Calling)
            {
                return;
            }

            Sender.Send(Request, Target);
            _intervalA *= 2;
            _timerA.Start(_intervalA);
        }
    }

    private void OnTimerB()
    {
        lock (Gate)
        {
            if (State == SipTransactionState.Calling)
            {
                Complete(null);
                Terminate();
            }
        }
    }

    private void OnTimerWait()
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
