using CallSync.Agent.Calls;
using CallSync.Agent.Configuration;
using CallSync.Agent.Media;
using CallSync.Agent.Storage;
using CallSync.Contracts;
using CallSync.Records;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Records;

/// <summary>
/// Turns an ended call into its record: the media's statistics and finalised recording are joined to what SIP
/// knows, and the record is committed by <see cref="RecordCommitter"/> (metadata to the MQTT outbox, audio to the
/// companion outbox, in one transaction; parked in the journal when the outbox is full).
/// </summary>
internal sealed class CallFinisher(AgentOptions options, RecordCommitter committer, RecordingOutbox recordings, StorageMonitor storage)
{
    public FinishedCallSummary Finish(CallSession session, SipCallOutcome outcome, MediaOutcome? media)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outcome);
        var statistics = media?.Statistics;
        var recording = media?.Recording;
        var finished = new FinishedCall
        {
            Record = new CallRecord
            {
                RecordId = session.RecordId,
                CallId = outcome.CallId,
                Direction = session.Direction,
                DeviceId = options.Device.Id,
                DeviceNumber = options.Device.Number,
                LocalNumber = PartyNumber.From(options.Device.Number),
                RemoteNumber = PartyNumber.From(session.Remote),
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
                Codec = media?.Codec,
                Security = CallSession.SecurityOf(session.Sip.SignallingTransport, media?.Encrypted == true),
                Quality = statistics is null || statistics.PacketsReceived == 0 ? null : new CallQuality
                {
                    LossPercent = Math.Round(statistics.LossPercent, 2),
                    JitterMs = Math.Round(statistics.JitterMs, 1),
                    RttMs = statistics.RoundTripMs is { } rtt ? Math.Round(rtt, 1) : null,
                    Mos = Math.Round(statistics.Mos, 2),
                    ConcealedPeriods = statistics.ConcealedFrames,
                },
                Origin = session.Origin,
                Dtmf = [.. session.Digits],
            },
            Recording = recording is null ? null : new FinishedRecording
            {
                Path = recording.Path,
                Duration = recording.Duration,
                SampleRate = recording.SampleRate > 0 ? recording.SampleRate : null,
                Bytes = recording.Bytes,
                Sha256 = recording.Sha256,
                CutShort = recording.CutShort,
            },
            DiskFull = storage.TakeFullFlag(),
        };

        committer.Commit(finished, wasParked: false);
        if (recording is not null)
        {
            // A new file may take the recordings over their quota: apply the policy now, not at the next hour.
            recordings.ApplyRetention();
        }

        return new FinishedCallSummary(session.RecordId, finished.Record.Result, outcome.StatusCode, outcome.Reason);
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
