namespace CallSync.Companion;

/// <summary>The recordings store as the companion link sees it (the records engineer's SQLite outbox adapts to it).</summary>
public interface ICompanionOutbox
{
    /// <summary>Recordings not yet delivered to any companion, oldest first.</summary>
    ValueTask<IReadOnlyList<PendingRecording>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>Called once per recording, only after the companion verified its SHA-256.</summary>
    ValueTask MarkDeliveredAsync(string recordId, string companionId, CancellationToken cancellationToken);
}
