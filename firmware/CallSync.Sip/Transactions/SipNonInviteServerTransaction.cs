using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction of RFC 3261 section 17.2.2: retransmitted requests get the last
/// response again; after a final response Timer J (64*T1 over UDP, zero over TCP) absorbs them.
/// </summary>
public sealed class SipNonInviteServerTransaction : SipServerTransaction
{
    private readonly TransactionTimer _timerJ;

    internal SipNonInviteServerTransaction(SipRequest request, SipTarget responseTarget, ISipMessageSender sender, SipTimerOptions timers, TimeProvider time)
        : base(request, responseTarget, sender, timers, time)
    {
        State = SipTransactionState.Trying;
        _timerJ = new TransactionTimer(time, OnTimerJ);
    }

    /// <inheritdoc />
    public override bool SendResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        lock (Gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return false;
            }

            Transmit(response);
            if (response.StatusCode < 200)
            {
                State = SipTransactionState.Proceeding;
                return true;
            }

            State = SipTransactionState.Completed;
            if (ResponseTarget.IsReliable)
            {
                Terminate();
            }
            else
            {
                _timerJ.Start(Timers.TransactionTimeout);
            }

            return true;
        }
    }

    internal override void OnRetransmission(SipRequest request)
    {
        lock (Gate)
        {
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

    private protected override void StopTimers() => _timerJ.Stop();

    private void OnTimerJ()
    {
        lock (Gate)
        {
            Terminate();
        }
    }
}
