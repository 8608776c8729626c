using CallSync.Agent.Calls;
using CallSync.Contracts;
using CallSync.Mqtt;

namespace CallSync.Agent.Records;

/// <summary>Remote commands (from the hub over MQTT) act on the phone through this.</summary>
internal sealed class RemoteDialer(CallManager calls) : IDialer
{
    public DeviceActivity Activity => calls.Activity;

    public async Task<DialCommandOutcome> DialAsync(string number, CallOrigin origin, CancellationToken cancellationToken)
    {
        var attempt = await calls.DialAsync(number, origin, cancellationToken).ConfigureAwait(false);
        switch (attempt.Status)
        {
            case DialAttemptStatus.Started:
                var finished = await attempt.Call!.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
                return DialCommandOutcome.Completed(finished.RecordId, finished.Result);
            case DialAttemptStatus.Busy:
                return DialCommandOutcome.Busy();
            default:
                return DialCommandOutcome.Failed(attempt.Status == DialAttemptStatus.Invalid ? "bad-number" : "no-route");
        }
    }

    public Task<bool> HangupAsync(CancellationToken cancellationToken) => calls.HangUpAsync(cancellationToken);
}
