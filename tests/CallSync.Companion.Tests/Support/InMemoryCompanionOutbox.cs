using System.Security.Cryptography;

namespace CallSync.Companion.Tests.Support;

/// <summary>An <see cref="ICompanionOutbox"/> held in memory for the tests. Thread-safe.</summary>
public sealed class InMemoryCompanionOutbox : ICompanionOutbox
{
    private readonly Lock _gate = new();
    private readonly List<PendingRecording> _pending = [];
    private readonly List<(string RecordId, string CompanionId)> _deliveries = [];

    /// <summary>Every MarkDelivered call so far, in order (a recording appears more than once only on a bug).</summary>
    public IReadOnlyList<(string RecordId, string CompanionId)> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Adds a recording (listed in insertion order; the server picks the newest by start time).</summary>
    public void Add(PendingRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        lock (_gate)
        {
            _pending.Add(recording);
        }
    }

    /// <summary>Adds a recording for an existing file, computing its size and SHA-256.</summary>
    public PendingRecording AddFile(string recordId, string filePath, string remoteNumber, DateTimeOffset startedAt, TimeSpan duration)
    {
        byte[] hash;
        using (var file = File.OpenRead(filePath))
        {
            hash = SHA256.HashData(file);
        }

        var recording = new PendingRecording(recordId, filePath, new FileInfo(filePath).Length, hash, remoteNumber, "outgoing", startedAt, duration);
        Add(recording);
        return recording;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<PendingRecording>> ListPendingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<PendingRecording>>([.. _pending]);
        }
    }

    /// <inheritdoc/>
    public ValueTask MarkDeliveredAsync(string recordId, string companionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _pending.RemoveAll(r => r.RecordId == recordId);
            _deliveries.Add((recordId, companionId));
        }

        return ValueTask.CompletedTask;
    }
}
