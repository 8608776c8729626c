using System.Text.Json;
using CallSync.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallSync.Records;

/// <summary>
/// Splits an ended call whose recording is finalised: the metadata record goes to the MQTT outbox, the audio
/// file to the companion outbox, both keyed by the record id and committed in ONE SQLite transaction, so after
/// a power cut either both exist or neither does. A pending "recordings evicted" condition is added to this
/// record's flags and cleared in the same transaction.
/// </summary>
public sealed class CallSplitter
{
    private const int SqliteFull = 13;
    private const int SqliteIoError = 10;

    private readonly RecordsDatabase _database;
    private readonly RecordOutbox _records;
    private readonly RecordingOutbox _recordings;
    private readonly DeviceIdentity _device;
    private readonly ILogger<CallSplitter> _logger;

    /// <summary>Creates the splitter over the two outboxes (which must share <paramref name="database"/>).</summary>
    public CallSplitter(RecordsDatabase database, RecordOutbox records, RecordingOutbox recordings, DeviceIdentity device, ILogger<CallSplitter> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(logger);
        if (!MqttTopics.IsValidSegment(device.DeviceId))
        {
            throw new ArgumentException("Device id is not a valid topic level.", nameof(device));
        }

        _database = database;
        _records = records;
        _recordings = recordings;
        _device = device;
        _logger = logger;
    }

    /// <summary>Builds the record and commits it with its recording. Call once the recording is finalised.</summary>
    /// <exception cref="ArgumentException">The call's record names another device than this splitter's.</exception>
    public SplitResult Split(FinishedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!string.Equals(call.Record.DeviceId, _device.DeviceId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The record names device {call.Record.DeviceId}, not {_device.DeviceId}.", nameof(call));
        }

        string topic = MqttTopics.Calls(_device.DeviceId);
        CallRecord record;
        SplitOutcome outcome;
        try
        {
            outcome = SplitLocked(call, topic, out record);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteFull or SqliteIoError)
        {
            // A full disk: the transaction was rolled back; the caller keeps the call and commits it when there is room.
            Log.SplitRefusedDisk(_logger, call.Record.RecordId, ex.Message);
            return new SplitResult(SplitOutcome.DiskFull, CallRecordBuilder.Build(call));
        }

        switch (outcome)
        {
            case SplitOutcome.Split:
                Log.CallSplit(_logger, record.RecordId, record.Result, call.Recording is not null);
                _records.Notify();
                if (call.Recording is not null)
                {
                    _recordings.RaiseEnqueued(record.RecordId);
                }

                break;
            case SplitOutcome.OutboxFull:
                Log.SplitRefusedFull(_logger, record.RecordId);
                break;
            default:
                Log.SplitDuplicate(_logger, record.RecordId);
                break;
        }

        return new SplitResult(outcome, record);
    }

    private SplitOutcome SplitLocked(FinishedCall call, string topic, out CallRecord record)
    {
        lock (_database.Gate)
        {
            using SqliteTransaction transaction = _database.Connection.BeginTransaction();
            bool evictedPending = _database.ReadMeta(RecordingOutbox.EvictedFlagKey, transaction) != 0;
            record = CallRecordBuilder.Build(call, evictedPending ? [RecordFlags.RecordingsEvicted] : null);
            byte[] payload = JsonSerializer.SerializeToUtf8Bytes(record, CallSyncJsonContext.Default.CallRecord);

            EnqueueOutcome enqueued = _records.EnqueueLocked(record.RecordId, topic, payload, transaction);
            if (enqueued == EnqueueOutcome.Enqueued)
            {
                if (call.Recording is { } rec)
                {
                    _recordings.EnqueueLocked(record.RecordId, rec.Path, rec.Bytes, rec.Sha256, transaction);
                }

                if (evictedPending)
                {
                    _database.WriteMeta(RecordingOutbox.EvictedFlagKey, 0, transaction);
                }

                transaction.Commit();
                _records.CommittedLocked();
                return SplitOutcome.Split;
            }

            transaction.Rollback();
            return enqueued == EnqueueOutcome.Full ? SplitOutcome.OutboxFull : SplitOutcome.AlreadySplit;
        }
    }
}
