using System.Threading.Channels;
using CallSync.Hub.Events;
using CallSync.Hub.Push;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace CallSync.Hub.Records;

/// <summary>
/// Stores call records in batches and acknowledges each MQTT message only after its row is committed, so a
/// crash between receive and commit makes the broker redeliver (and the insert stays idempotent). The batch
/// size is bounded by the MQTT receive maximum: the broker never has more unacknowledged records in flight.
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

    /// <summary>Takes a received record message; called on the MQTT receive path, so it only parses and queues.</summary>
    public void Accept(string deviceId, MqttApplicationMessageReceivedEventArgs message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!CallRecordParser.TryParse(deviceId, message.ApplicationMessage.Payload, timeProvider.GetUtcNow(), out var record, out var reason))
        {
            // Acknowledged (auto) and dropped: redelivering a record that can never parse would loop forever.
            Log.RecordRejected(logger, deviceId, reason);
            return;
        }

        message.AutoAcknowledge = false;
        _queue.Writer.TryWrite(new Pending(record!, message));
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
                    await AcknowledgeAsync(batch[i].Message, stoppingToken).ConfigureAwait(false);
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
            // Unacknowledged records stay with the broker and come back to this session or another instance.
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

    private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs message, CancellationToken cancellationToken)
    {
        try
        {
            await message.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The connection dropped after the commit: the broker redelivers and the insert is a no-op.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.AcknowledgeFailed(logger, ex.Message);
        }
    }

    private sealed record Pending(StoredCallRecord Record, MqttApplicationMessageReceivedEventArgs Message);
}
