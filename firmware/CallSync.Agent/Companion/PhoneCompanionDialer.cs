using CallSync.Agent.Calls;
using CallSync.Companion;
using CallSync.Companion.Messages;
using CallSync.Contracts;

namespace CallSync.Agent.Companion;

/// <summary>The paired mobile dials through the phone's one dial path and follows the phone's calls.</summary>
internal sealed class PhoneCompanionDialer : ICompanionDialer
{
    private readonly CallManager _calls;
    private readonly TimeProvider _time;

    public PhoneCompanionDialer(CallManager calls, TimeProvider time)
    {
        _calls = calls;
        _time = time;
        _calls.Progress += Forward;
    }

    public event EventHandler<CompanionCallEventArgs>? CallEvent;

    public async ValueTask<CompanionDialOutcome> DialAsync(string number, CancellationToken cancellationToken)
    {
        var attempt = await _calls.DialAsync(number, new CallOrigin { Kind = OriginKind.Companion }, cancellationToken).ConfigureAwait(false);
        return attempt.Status switch
        {
            DialAttemptStatus.Started => CompanionDialOutcome.Started(attempt.Call!.RecordId.ToString()),
            DialAttemptStatus.Busy => CompanionDialOutcome.Busy(),
            DialAttemptStatus.Invalid => CompanionDialOutcome.Rejected(attempt.Reason),
            _ => CompanionDialOutcome.Failed(attempt.Reason),
        };
    }

    private void Forward(object? sender, CallProgressEventArgs e)
    {
        var kind = e.Progress switch
        {
            CallProgress.Ringing => CallEventKind.Ringing,
            CallProgress.Answered => CallEventKind.Answered,
            _ => CallEventKind.Ended,
        };
        CallEvent?.Invoke(this, new CompanionCallEventArgs(e.RecordId.ToString(), kind, _time.GetUtcNow(), e.Detail));
    }
}
