using CallSync.Records;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// Commits a finished call's record and recording to the outboxes, or, when the outbox or the disk is full, parks the whole
/// finished call in the journal so it is committed later (by <see cref="CallJournalRecovery"/>) and never lost.
/// </summary>
internal sealed class RecordCommitter(
    CallSplitter splitter,
    CallHistory history,
    CallJournal journal,
    RecordsNotifier notifier,
    ILogger<RecordCommitter> logger)
{
    /// <param name="finished">The call.</param>
    /// <param name="wasParked">True when it was parked before: the history already shows it.</param>
    public SplitResult Commit(FinishedCall finished, bool wasParked)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var split = splitter.Split(finished);
        var recordId = split.Record.RecordId;
        RecordsLog.Split(logger, recordId, split.Outcome, split.Record.Result, finished.Recording?.Bytes ?? 0);
        if (!wasParked)
        {
            history.Add(split.Record);
        }

        if (split.Outcome is SplitOutcome.OutboxFull or SplitOutcome.DiskFull)
        {
            if (!wasParked)
            {
                journal.Park(finished);
                RecordsLog.Parked(logger, recordId);
            }

            return split;
        }

        journal.End(recordId);
        notifier.RecordReady(recordId, finished.Recording is not null);
        return split;
    }
}
