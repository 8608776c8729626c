using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction of RFC 3261 section 17.1.2: Timer E retransmits over UDP (doubling up
/// to T2, every T2 once a provisional arrived), Timer F times out, Timer K absorbs response retransmissions.
/// </summary>
public sealed class SipNonInviteClientTransaction : SipClientTransaction
{
    private readonly TransactionTimer _timerE;
    private readonly TransactionTimer _timerF;
    private readonly TransactionTimer _timerK;
    private TimeSpan _intervalE;

    internal SipNonInviteClientTransaction(SipRequest request, SipTarget target, ISipMessageSender sender, SipTimerOptions timers, TimeProvider time)
        : base(request, target, sender, timers, time)
    {
        State = SipTransactionState.Trying;
        _timerE = new TransactionTimer(time, OnTimerE);
        _timerF = new TransactionTimer(time, OnTimerF);
        _timerK = new TransactionTimer(time, OnTimerK);
    }

    internal override void Start()
    {
        lock (Gate)
        {
            Sender.Send(Request, Target);
            if (!Target.IsReliable)
            {
                _intervalE = Timers.T1;
                _timerE.Start(_intervalE);
            }

            _timerF.Start(Timers.TransactionTimeout);
        }
    }

    internal override void OnResponse(SipResponse response)
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return; // Completed: retransmitted finals are absorbed
            }

            if (response.StatusCode < 200)
            {
                State = SipTransactionState.Proceeding;
                Deliver(response);
                return;
            }

            State = SipTransactionState.Completed;
            _timerE.Stop();
            _timerF.Stop();
            Deliver(response);
            Complete(response);
            if (Target.IsReliable)
            {
                Terminate();
            }
            else
            {
                _timerK.Start(Timers.T4);
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
        _timerE.Stop();
        _timerF.Stop();
        _timerK.Stop();
    }

    private void OnTimerE()
    {
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return;
            }

            Sender.Send(Request, Target);
            _intervalE = State == SipTransactionState.Proceeding ? Timers.T2 : TimeSpan.FromTicks(Math.Min((_intervalE * 2).Ticks, Timers.T2.Ticks));
            _timerE.Start(_intervalE);
        }
    }

    private void OnTimerF()
    {
        lock (Gate)
        {
            if (State is SipTransactionState.Trying or SipTransactionState.Proceeding)
            {
                Complete(null);
                Terminate();
            }
        }
    }

    private void OnTimerK()
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
