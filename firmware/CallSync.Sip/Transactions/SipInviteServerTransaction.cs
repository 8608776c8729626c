using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Transactions;

/// <summary>
/// The INVITE server transaction of RFC 3261 section 17.2.1 with RFC 6026's Accepted state: sends 100 Trying
/// at once, repeats the last response for retransmitted INVITEs, retransmits a non-2xx final with Timer G
/// until the ACK (Timer H gives up), absorbs ACK retransmissions with Timer I, and in Accepted (Timer L)
/// lets the user agent retransmit its 2xx.
/// </summary>
public sealed class SipInviteServerTransaction : SipServerTransaction
{
    private readonly TransactionTimer _timerG;
    private readonly TransactionTimer _timerH;
    private readonly TransactionTimer _timerWait;
    private TimeSpan _intervalG;

    internal SipInviteServerTransaction(SipRequest request, SipTarget responseTarget, ISipMessageSender sender, SipTimerOptions timers, TimeProvider time)
        : base(request, responseTarget, sender, timers, time)
    {
        State = SipTransactionState.Proceeding;
        _timerG = new TransactionTimer(time, OnTimerG);
        _timerH = new TransactionTimer(time, OnTimerH);
        _timerWait = new TransactionTimer(time, OnTimerWait);
    }

    /// <summary>True once a final response was sent or the transaction ended.</summary>
    public bool HasFinalResponse => State != SipTransactionState.Proceeding;

    internal void SendTrying()
    {
        lock (Gate)
        {
            Transmit(SipMessages.CreateResponse(Request, 100));
        }
    }

    /// <inheritdoc />
    public override bool SendResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            var code = response.StatusCode;
            if (State == SipTransactionState.Accepted && code is >= 200 and < 300)
            {
                Transmit(response); // the UA core's 2xx retransmission (RFC 6026 section 7.1)
                return true;
            }

            if (State != SipTransactionState.Proceeding)
            {
                return false;
            }

            Transmit(response);
            if (code < 200)
            {
                return true;
            }

            if (code < 300)
            {
                State = SipTransactionState.Accepted;
                _timerWait.Start(Timers.TransactionTimeout); // Timer L
                return true;
            }

            State = SipTransactionState.Completed;
            if (!ResponseTarget.IsReliable)
            {
                _intervalG = Timers.T1;
                _timerG.Start(_intervalG);
            }

            _timerH.Start(Timers.TransactionTimeout);
            return true;
        }
    }

    internal override void OnRetransmission(SipRequest request)
    {
        lock (Gate)
        {
            if (request.Method == SipMethod.Ack)
            {
                if (State == SipTransactionState.Completed)
                {
                    State = SipTransactionState.Confirmed;
                    _timerG.Stop();
                    _timerH.Stop();
                    if (ResponseTarget.IsReliable)
                    {
                        Terminate();
                    }
                    else
                    {
                        _timerWait.Start(Timers.T4); // Timer I
                    }
                }

                return;
            }

            if (State is SipTransactionState.Proceeding or SipTransactionState.Completed && LastResponse is not null)
            {
                Sender.Send(LastResponse, ResponseTarget);
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
        _timerG.Stop();
        _timerH.Stop();
        _timerWait.Stop();
    }

    private void OnTimerG()
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Completed || LastResponse is null)
            {
                return;
            }

            Sender.Send(LastResponse, ResponseTarget);
            _intervalG = TimeSpan.FromTicks(Math.Min((_intervalG * 2).Ticks, Timers.T2.Ticks));
            _timerG.Start(_intervalG);
        }
    }

    private void OnTimerH()
    {
        lock (Gate)
        {
            if (State != SipTransactionState.Completed)
            {
                return;
            }

            Terminate();
            RaiseAckTimedOut();
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
