using CallSync.Agent.Calls;
using CallSync.Agent.Configuration;
using CallSync.Agent.Media;
using CallSync.Contracts;
using CallSync.Records;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Records;

/// <summary>
/// Turns an ended call into its record: media statistics and the finalised recording are gathered, the record
/// is built and committed by <see cref="RecordCommitter"/> (metadata to the MQTT outbox, audio to the companion
/// outbox, in one transaction; parked in the journal when the outbox is full).
/// </summary>
internal sealed class CallFinisher(
    AgentOptions options,
    CallMediaHub media,
    RecordCommitter committer,
    RecordingOutbox recordings,
    CallJournal journal,
    TimeProvider time) : ICallFinisher
{
    public void Started(PhoneCall call, SipCall sipCall)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(sipCall);
        journal.Begin(call,
            sipCall.Direction == SipCallDirection.Outgoing ? CallDirection.Outgoing : CallDirection.Incoming,
            call.Dialled ?? sipCall.RemoteNumber ?? sipCall.RemoteUri,
            time.GetUtcNow());
    }

    public void Answered(PhoneCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        journal.Answered(call.RecordId, time.GetUtcNow());
    }

    public async Task<FinishedCallSummary> FinishAsync(PhoneCall call, SipCallOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(outcome);
        var mediaOutcome = await media.FinishAsync(call.CallId).ConfigureAwait(false);
        var statistics = mediaOutcome?.Statistics;
        var recording = mediaOutcome?.Recording;
        var finished = new FinishedCall
        {
            RecordId = call.RecordId,
            CallId = outcome.CallId,
            Direction = outcome.Direction == SipCallDirection.Outgoing ? CallDirection.Outgoing : CallDirection.Incoming,
            LocalNumber = options.Device.Number,
            RemoteNumber = call.Dialled ?? outcome.RemoteNumber ?? outcome.RemoteUri,
            StartedAt = outcome.StartedAt,
            RingingAt = outcome.RingingAt,
            AnsweredAt = outcome.AnsweredAt,
            EndedAt = outcome.EndedAt,
            Result = Map(outcome.Result),
            SipStatus = outcome.StatusCode == 0 ? null : outcome.StatusCode,
            SipReason = outcome.Reason,
            EndedBy = outcome.EndedBy switch
            {
                SipCallParty.Local => CallEndedBy.Local,
                SipCallParty.Remote => CallEndedBy.Remote,
                _ => CallEndedBy.System,
            },
            Codec = mediaOutcome?.Codec,
            Quality = statistics is null || statistics.PacketsReceived == 0 ? null : new CallQuality
            {
                LossPercent = Math.Round(statistics.LossPercent, 2),
                JitterMs = Math.Round(statistics.JitterMs, 1),
                RttMs = statistics.RoundTripMs is { } rtt ? Math.Round(rtt, 1) : null,
                Mos = Math.Round(statistics.Mos, 2),
            },
            Origin = call.Origin,
            Recording = recording is null ? null : new FinishedRecording
            {
                Path = recording.Path,
                Duration = recording.Duration,
                Bytes = recording.Bytes,
                Sha256 = recording.Sha256,
                CutShort = recording.CutShort,
            },
        };

        committer.Commit(finished, wasParked: false);
        if (recording is not null)
        {
            // A new file may take the recordings over their quota: apply the policy now, not at the next hour.
            recordings.ApplyRetention();
        }

        return new FinishedCallSummary(call.RecordId, finished.Result, outcome.StatusCode, outcome.Reason);
    }

    private static CallResult Map(SipCallResult result) => result switch
    {
        SipCallResult.Answered => CallResult.Answered,
        SipCallResult.Busy => CallResult.Busy,
        SipCallResult.NoAnswer => CallResult.NoAnswer,
        SipCallResult.Rejected => CallResult.Rejected,
        SipCallResult.Cancelled => CallResult.Cancelled,
        _ => CallResult.Failed,
    };
}
