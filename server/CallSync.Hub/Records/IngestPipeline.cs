using System.Buffers;
using System.Threading.Channels;
using CallSync.Hub.Events;
using CallSync.Hub.Push;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Records;

/// <summary>
/// Stores call records in batches and acknowledges each one only after its row is committed, so a crash between
/// receive and commit makes the sender deliver it again (and the insert stays idempotent). From an external broker the
/// acknowledgement is the hub's PUBACK to the broker (the batch is bounded by the MQTT receive maximum); from the
/// embedded broker it is the phone's own PUBACK, which the broker holds back until the commit.
/// </summary>
internal sealed class IngestPipeline(
    CallRecordStore records,
    PushService push,
    EventBus events,
    TimeProvider timeProvider,
    ILogger<IngestPipeline> logger) : BackgroundService
{
    private const int MaxBatch = 1000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private long _stored;

    /// <summary>Records this instance inserted (not duplicates) since start.</summary>
    public long StoredCount => Interlocked.Read(ref _stored);

    /// <summary>
    /// Takes a received record; called on the MQTT receive path, so it only parses and queues. True when queued:
    /// <paramref name="committed"/> runs once its row is committed. False (with the reason) when it can never be stored.
    /// </summary>
    public bool TryAccept(string deviceId, ReadOnlySequence<byte> payload, Func<CancellationToken, Task> committed, out string reason)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (!CallRecordParser.TryParse(deviceId, payload, timeProvider.GetUtcNow(), out var record, out reason))
        {
            return false;
        }

        _queue.Writer.TryWrite(new Pending(record!, committed));
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var rows = new List<StoredCallRecord>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                rows.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                    rows.Add(item.Record);
                }

                var inserted = await StoreWithRetryAsync(rows, stoppingToken).ConfigureAwait(false);
                var fresh = new List<StoredCallRecord>();
                for (var i = 0; i < batch.Count; i++)
                {
                    await AcknowledgeAsync(batch[i].Committed, stoppingToken).ConfigureAwait(false);
                    if (inserted[i])
                    {
                        fresh.Add(rows[i]);
                    }
                }

                Interlocked.Add(ref _stored, fresh.Count);
                Log.IngestBatchStored(logger, batch.Count, fresh.Count);
                foreach (var record in fresh)
                {
                    await events.RecordStoredAsync(record, stoppingToken).ConfigureAwait(false);
                }

                if (fresh.Count > 0)
                {
                    await push.PushRecordsAsync(fresh, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Unacknowledged records stay with the broker (or the phone) and come back to this session or another instance.
        }
    }

    private async Task<bool[]> StoreWithRetryAsync(List<StoredCallRecord> rows, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await records.InsertBatchAsync(rows, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex)
            {
                Log.IngestBatchFailed(logger, rows.Count, ex);
                await Task.Delay(RetryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AcknowledgeAsync(Func<CancellationToken, Task> committed, CancellationToken cancellationToken)
    {
        try
        {
            await committed(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The connection dropped after the commit: the broker redelivers and the insert is a no-op.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.AcknowledgeFailed(logger, ex.Message);
        }
    }

    private sealed record Pending(StoredCallRecord Record, Func<CancellationToken, Task> Committed);
}
