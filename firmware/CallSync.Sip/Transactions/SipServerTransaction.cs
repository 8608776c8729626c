using CallSync.Sip.Messages;
using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 section 17.2): absorbs request retransmissions by repeating the last
/// response, and sends the user agent's responses to the target of section 18.2.2.
/// </summary>
public abstract class SipServerTransaction
{
    private protected SipServerTransaction(SipRequest request, SipTarget responseTarget, ISipMessageSender sender, SipTimerOptions timers, TimeProvider time)
    {
        Request = request;
        ResponseTarget = responseTarget;
        Sender = sender;
        Timers = timers;
        Time = time;
        Key = KeyFor(request, request.Method.Name);
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Where responses go (the received address and rport, or the connection it came on).</summary>
    public SipTarget ResponseTarget { get; }

    /// <summary>The current state.</summary>
    public SipTransactionState State { get; private protected set; }

    /// <summary>The last response sent, repeated for retransmitted requests.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>For a CANCEL: the INVITE server transaction it cancels (RFC 3261 section 9.2), or null.</summary>
    public SipInviteServerTransaction? CancelledInvite { get; internal set; }

    /// <summary>Raised when a non-2xx final was never acknowledged (Timer H).</summary>
    public event Action<SipServerTransaction>? AckTimedOut;

    internal string Key { get; }

    internal event Action<SipServerTransaction>? Terminated;

    private protected Lock Gate { get; } = new();

    private protected ISipMessageSender Sender { get; }

    private protected SipTimerOptions Timers { get; }

    private protected TimeProvider Time { get; }

    /// <summary>Sends a response; false when the state no longer allows it (e.g. a final was already sent).</summary>
    public abstract bool SendResponse(SipResponse response);

    /// <summary>The matching key of RFC 3261 section 17.2.3: branch, sent-by and method (ACK matches INVITE).</summary>
    internal static string KeyFor(SipRequest request, string method)
    {
        var via = request.TopVia;
        var branch = via?.Branch;
        if (via is null || !via.HasRfc3261Branch)
        {
            // RFC 2543 peers: fall back to Call-ID, CSeq number and From tag (section 17.2.3's older rules, simplified).
            branch = $"2543|{request.CallId}|{request.CSeq.Sequence}|{request.From?.Tag}";
        }

        return $"{branch}|{SipMessages.SentBy(via)}|{(method == "ACK" ? "INVITE" : method)}";
    }

    internal abstract void OnRetransmission(SipRequest request);

    internal abstract void Abort();

    private protected void Transmit(SipResponse response)
    {
        LastResponse = response;
        Sender.Send(response, ResponseTarget);
    }

    private protected void RaiseAckTimedOut() => AckTimedOut?.Invoke(this);

    private protected void Terminate()
    {
        if (State == SipTransactionState.Terminated)
        {
            return;
        }

        State = SipTransactionState.Terminated;
        StopTimers();
        Terminated?.Invoke(this);
    }

    private protected abstract void StopTimers();
}
