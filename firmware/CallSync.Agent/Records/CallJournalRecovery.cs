using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Contracts;
using CallSync.Records;
using CallSync.Recording;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>
/// At start, before any new call: every call the last run left unfinished (killed, power cut) gets its record,
/// result failed, ended by the system, with its recording sealed and marked cut short, so no call goes unreported.
/// </summary>
internal sealed class CallJournalRecovery(
    AgentOptions options,
    DataDirectory dataDirectory,
    CallJournal journal,
    CallSplitter splitter,
    CallHistory history,
    TimeProvider time,
    ILogger<CallJournalRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cutShort = RecordingRecovery.FindCutShort(dataDirectory.Recordings).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in journal.Leftovers())
        {
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

            var split = splitter.Split(new FinishedCall
            {
                RecordId = entry.RecordId,
                CallId = entry.CallId,
                Direction = entry.Direction,
                LocalNumber = options.Device.Number,
                RemoteNumber = entry.Remote,
                StartedAt = entry.StartedAt,
                EndedAt = recording is null ? time.GetUtcNow() : entry.StartedAt + recording.Duration,
                Result = CallResult.Failed,
                SipReason = "the agent stopped during the call",
                EndedBy = CallEndedBy.System,
                Origin = entry.Origin,
                Recording = recording,
            });
            history.Add(split.Record);
            journal.End(entry.RecordId);
            RecordsLog.Recovered(logger, entry.RecordId, recording?.Bytes ?? 0);
        }

        // Recordings cut short with no journal entry (their record was already written) only need sealing.
        foreach (var id in cutShort)
        {
            await RecordingRecovery.SealAsync(dataDirectory.Recordings, id, cancellationToken).ConfigureAwait(false);
            RecordsLog.SealedCutShort(logger, id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
