using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using CallSync.Records;
using CallSync.Recording;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// At start, before any new call: every call the last run left unfinished (killed, power cut) gets its record,
/// ended by the system, with its recording sealed and marked cut short, so no call goes unreported; calls that
/// had finished but were parked because the outbox was full are committed as they were. While the agent runs,
/// parked calls (and history lines a full disk refused) are retried every <see cref="RetryInterval"/> until there is room.
/// </summary>
internal sealed class CallJournalRecovery(
    AgentOptions options,
    DataDirectory dataDirectory,
    CallJournal journal,
    RecordCommitter committer,
    CallHistory history,
    TimeProvider time,
    ILogger<CallJournalRecovery> logger) : PeriodicService(RetryInterval, time)
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var cutShort = RecordingRecovery.FindCutShort(dataDirectory.Recordings).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in journal.Leftovers())
        {
            if (entry.Finished is not null)
            {
                // Its recording was finalised before it was parked; it goes out exactly as it ended.
                continue;
            }

            var id = entry.RecordId.ToString();
            FinishedRecording? recording = null;
            if (cutShort.Remove(id))
            {
                var sealedFile = await RecordingRecovery.SealAsync(dataDirectory.Recordings, id, cancellationToken).ConfigureAwait(false);
                recording = new FinishedRecording
                {
                    Path = sealedFile.Path,
                    Duration = sealedFile.Duration,
                    Bytes = sealedFile.Bytes,
                    Sha256 = sealedFile.Sha256,
                    CutShort = true,
                };
            }

            committer.Commit(Unfinished(entry, recording), wasParked: false);
            RecordsLog.Recovered(logger, entry.RecordId, recording?.Bytes ?? 0);
        }

        // Recordings cut short with no journal entry (their record was already written) only need sealing.
        foreach (var id in cutShort)
        {
            await RecordingRecovery.SealAsync(dataDirectory.Recordings, id, cancellationToken).ConfigureAwait(false);
            RecordsLog.SealedCutShort(logger, id);
        }

        CommitParked();
    }

    protected override void Tick()
    {
        // Whatever is still parked when the agent stops stays in the journal for the next start.
        if (journal.HasParked)
        {
            CommitParked();
        }

        history.WritePending();
    }

    /// <summary>Commits parked calls oldest first, stopping at the first the outbox still refuses (order kept).</summary>
    internal void CommitParked()
    {
        foreach (var call in journal.Parked())
        {
            // A call parked by an earlier agent carries no device identity (ParkedCallConverter): it is this phone's.
            var parked = call.Record.DeviceId.Length > 0
                ? call
                : call with { Record = call.Record with { DeviceId = options.Device.Id, DeviceNumber = options.Device.Number } };
            if (committer.Commit(parked, wasParked: true).Outcome is SplitOutcome.OutboxFull or SplitOutcome.DiskFull)
            {
                return;
            }

            RecordsLog.Unparked(logger, parked.Record.RecordId);
        }
    }

    /// <summary>
    /// The record of a call the last run never finished. Its end is where the evidence stops: the recording's
    /// length after the answer, else the answer, else the start (never the restart time, which would count the
    /// downtime as ringing or talking).
    /// </summary>
    private FinishedCall Unfinished(CallJournalEntry entry, FinishedRecording? recording)
    {
        var talkStart = entry.AnsweredAt ?? entry.StartedAt;
        return new FinishedCall
        {
            Record = new CallRecord
            {
                RecordId = entry.RecordId,
                CallId = entry.CallId,
                DeviceId = options.Device.Id,
                DeviceNumber = options.Device.Number,
                Direction = entry.Direction,
                LocalNumber = PartyNumber.From(options.Device.Number),
                RemoteNumber = PartyNumber.From(entry.Remote),
                StartedAt = entry.StartedAt,
                AnsweredAt = entry.AnsweredAt,
                EndedAt = recording is null ? talkStart : talkStart + recording.Duration,
                Result = entry.AnsweredAt is null ? CallResult.Failed : CallResult.Answered,
                SipReason = "the agent stopped during the call",
                EndedBy = CallEndedBy.System,
                Origin = entry.Origin,
            },
            Recording = recording,
        };
    }
}
