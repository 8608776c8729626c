using CallSync.Agent.Calls;
using CallSync.Companion;
using CallSync.Companion.Messages;
using CallSync.Contracts;

namespace CallSync.Agent.Companion;

/// <summary>The paired mobile dials through the phone's one dial path and follows the phone's calls.</summary>
internal sealed class PhoneCompanionDialer : ICompanionDialer
{
    private readonly Phone _phone;
    private readonly TimeProvider _time;

    public PhoneCompanionDialer(Phone phone, TimeProvider time)
    {
        _phone = phone;
        _time = time;
        _phone.CallEvent += Forward;
    }

    public event EventHandler<CompanionCallEventArgs>? CallEvent;

    public async ValueTask<DialOutcome> DialAsync(string number, CancellationToken cancellationToken)
    {
        var attempt = await _phone.DialAsync(number, new CallOrigin { Kind = OriginKind.Companion }, cancellationToken).ConfigureAwait(false);
        return attempt.Status switch
        {
            DialAttemptStatus.Started => DialOutcome.Started(attempt.Call!.RecordId.ToString()),
            DialAttemptStatus.Busy => DialOutcome.Busy(),
            DialAttemptStatus.Invalid => DialOutcome.Rejected(attempt.Reason),
            _ => DialOutcome.Failed(attempt.Reason),
        };
    }

    private void Forward(object? sender, PhoneCallEventArgs e)
    {
        var kind = e.Kind switch
        {
            PhoneCallEvent.Ringing => CallEventKind.Ringing,
            PhoneCallEvent.Answered => CallEventKind.Answered,
            _ => CallEventKind.Ended,
        };
        CallEvent?.Invoke(this, new CompanionCallEventArgs(e.Call.RecordId.ToString(), kind, _time.GetUtcNow(), e.Detail));
    }
}
