using CallSync.Companion;
using CallSync.Records;

namespace CallSync.Agent.Companion;

/// <summary>The records' SQLite recording outbox as the companion link sees it.</summary>
internal sealed class CompanionOutboxAdapter(RecordingOutbox recordings, CallSync.Agent.Records.CallHistory lookup) : ICompanionOutbox
{
    public ValueTask<IReadOnlyList<CallSync.Companion.PendingRecording>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var waiting = recordings.ListPending();
        var summaries = lookup.Find([.. waiting.Select(p => p.RecordId)]);
        IReadOnlyList<CallSync.Companion.PendingRecording> pending = [.. waiting.Select(p =>
        {
            var summary = summaries.GetValueOrDefault(p.RecordId);
            return new CallSync.Companion.PendingRecording(
                p.RecordId.ToString(),
                p.Path,
                p.Bytes,
                Convert.FromHexString(p.Sha256),
                summary?.RemoteNumber.Raw ?? "",
                summary?.Direction.ToString().ToLowerInvariant() ?? "",
                summary?.StartedAt ?? p.EnqueuedAt,
                TimeSpan.FromSeconds(summary?.TalkSeconds ?? 0));
        })];
        return ValueTask.FromResult(pending);
    }

    public ValueTask MarkDeliveredAsync(string recordId, string companionId, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(recordId, out var id))
        {
            recordings.MarkDelivered(id);
        }

        return ValueTask.CompletedTask;
    }
}
