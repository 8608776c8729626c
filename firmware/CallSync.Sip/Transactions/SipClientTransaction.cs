using CallSync.Sip.Syntax;
using CallSync.Sip.Transport;

namespace CallSync.Sip.Transactions;

/// <summary>
/// A client transaction (RFC 3261 section 17.1): sends a request, retransmits it over UDP, passes responses
/// up and completes <see cref="Completion"/> with the first final response or a timeout.
/// </summary>
public abstract class SipClientTransaction
{
    private readonly TaskCompletionSource<SipTransactionResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected SipClientTransaction(SipRequest request, SipTarget target, ISipMessageSender sender, SipTimerOptions timers, TimeProvider time)
    {
        Request = request;
        Target = target;
        Sender = sender;
        Timers = timers;
        Time = time;
        Branch = request.TopVia?.Branch ?? string.Empty;
        Key = KeyFor(Branch, request.Method.Name);
    }

    /// <summary>The request this transaction sends.</summary>
    public SipRequest Request { get; }

    /// <summary>Where the request goes.</summary>
    public SipTarget Target { get; }

    /// <summary>The branch of the top Via, the transaction id.</summary>
    public string Branch { get; }

    /// <summary>The current state.</summary>
    public SipTransactionState State { get; private protected set; }

    /// <summary>Completes with the first final response, or a timeout.</summary>
    public Task<SipTransactionResult> Completion => _completion.Task;

    /// <summary>Every response the user agent must see: provisionals, the final, and (INVITE) retransmitted 2xx.</summary>
    public event Action<SipClientTransaction, SipResponse>? ResponseReceived;

    internal string Key { get; }

    internal event Action<SipClientTransaction>? Terminated;

    private protected Lock Gate { get; } = new();

    private protected ISipMessageSender Sender { get; }

    private protected SipTimerOptions Timers { get; }

    private protected TimeProvider Time { get; }

    internal static string KeyFor(string branch, string method) => branch + "|" + method;

    internal abstract void Start();

    internal abstract void OnResponse(SipResponse response);

    internal abstract void Abort();

    private protected void Deliver(SipResponse response) => ResponseReceived?.Invoke(this, response);

    private protected void Complete(SipResponse? response) => _completion.TrySetResult(new SipTransactionResult(response));

    private protected void Terminate()
    {
        if (State == SipTransactionState.Terminated)
        {
            return;
        }

        State = SipTransactionState.Terminated;
        StopTimers();
        _completion.TrySetResult(new SipTransactionResult(null));
        Terminated?.Invoke(this);
    }

    private protected abstract void StopTimers();
}
