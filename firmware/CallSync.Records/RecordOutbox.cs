using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallSync.Records;

/// <summary>
/// The durable MQTT outbox: records are committed here before they are published and deleted only after the
/// broker's PUBACK (<see cref="OutboxPublisher"/>). Rows are published strictly in <see cref="OutboxEntry.Sequence"/>
/// order. Bounded by <see cref="OutboxOptions.MaxRows"/>: when full, new records are refused, never dropped.
/// </summary>
public sealed class RecordOutbox
{
    private readonly RecordsDatabase _database;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordOutbox> _logger;
    private readonly Lock _signalGate = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count = -1;
    private bool _alerted;

    /// <summary>Creates the outbox over an open database.</summary>
    public RecordOutbox(RecordsDatabase database, OutboxOptions options, TimeProvider time, ILogger<RecordOutbox> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.MaxRows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxRows must be at least 1.");
        }

        _database = database;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The configured bound.</summary>
    public int Capacity => _options.MaxRows;

    /// <summary>Records waiting for a PUBACK.</summary>
    public int Count
    {
        get
        {
            lock (_database.Gate)
            {
                return CountLocked(null);
            }
        }
    }

    /// <summary>Commits one record. Durable when it returns <see cref="EnqueueOutcome.Enqueued"/>.</summary>
    public EnqueueOutcome Enqueue(Guid recordId, string topic, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        EnqueueOutcome outcome;
        lock (_database.Gate)
        {
            using SqliteTransaction transaction = _database.Connection.BeginTransaction();
            outcome = EnqueueLocked(recordId, topic, payload, transaction);
            if (outcome == EnqueueOutcome.Enqueued)
            {
                transaction.Commit();
                CommittedLocked();
            }
        }

        if (outcome == EnqueueOutcome.Enqueued)
        {
            Notify();
        }

        return outcome;
    }

    /// <summary>Up to <paramref name="max"/> entries after <paramref name="afterSequence"/>, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Peek(long afterSequence, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var entries = new List<OutboxEntry>(Math.Min(max, 256));
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command(
                "SELECT seq, record_id, topic, payload, enqueued_at FROM outbox WHERE seq > $after ORDER BY seq LIMIT $max;");
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$max", max);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(
                    reader.GetInt64(0),
                    Guid.Parse(reader.GetString(1)),
                    reader.GetString(2),
                    (byte[])reader.GetValue(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }
        }

        return entries;
    }

    /// <summary>
    /// Deletes every entry up to and including <paramref name="sequence"/>. Call only with the sequence of an
    /// acknowledged entry: entries are published in order, so everything before it is acknowledged too.
    /// </summary>
    public int RemoveThrough(long sequence)
    {
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command("DELETE FROM outbox WHERE seq <= $seq;");
            command.Parameters.AddWithValue("$seq", sequence);
            int removed = command.ExecuteNonQuery();
            if (_count >= 0)
            {
                _count -= removed;
            }

            if (_alerted && _count < AlertThreshold)
            {
                _alerted = false;
                Log.OutboxBelowAlert(_logger, _count, _options.MaxRows);
            }

            return removed;
        }
    }

    /// <summary>
    /// A task that completes at the next enqueue. Take it before <see cref="Peek"/> finds nothing, then await it:
    /// an enqueue between the two still completes it, so no wake-up is lost.
    /// </summary>
    public Task EnqueueSignal
    {
        get
        {
            lock (_signalGate)
            {
                return _signal.Task;
            }
        }
    }

    internal int AlertThreshold => Math.Max(1, (int)Math.Ceiling(_options.MaxRows * _options.AlertFraction));

    /// <summary>Inserts inside the caller's transaction (the splitter's); the caller holds the gate and commits.</summary>
    internal EnqueueOutcome EnqueueLocked(Guid recordId, string topic, ReadOnlySpan<byte> payload, SqliteTransaction transaction)
    {
        string id = recordId.ToString("D");
        using (SqliteCommand exists = _database.Command("SELECT 1 FROM outbox WHERE record_id = $id;", transaction))
        {
            exists.Parameters.AddWithValue("$id", id);
            if (exists.ExecuteScalar() is not null)
            {
                return EnqueueOutcome.AlreadyQueued;
            }
        }

        int count = CountLocked(transaction);
        if (count >= _options.MaxRows)
        {
            Log.OutboxFull(_logger, recordId, count, _options.MaxRows);
            return EnqueueOutcome.Full;
        }

        using SqliteCommand insert = _database.Command(
            "INSERT INTO outbox(record_id, topic, payload, enqueued_at) VALUES($id, $topic, $payload, $at);", transaction);
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$topic", topic);
        insert.Parameters.Add("$payload", SqliteType.Blob).Value = payload.ToArray();
        insert.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        insert.ExecuteNonQuery();
        return EnqueueOutcome.Enqueued;
    }

    /// <summary>Call after the transaction that enqueued one row committed (gate held).</summary>
    internal void CommittedLocked()
    {
        if (_count >= 0)
        {
            _count++;
        }

        int count = CountLocked(null);
        if (!_alerted && count >= AlertThreshold)
        {
            _alerted = true;
            Log.OutboxNearlyFull(_logger, count, _options.MaxRows);
        }
    }

    /// <summary>Wakes the publisher.</summary>
    internal void Notify()
    {
        lock (_signalGate)
        {
            TaskCompletionSource fired = _signal;
            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            fired.TrySetResult();
        }
    }

    private int CountLocked(SqliteTransaction? transaction)
    {
        // Every write goes through this class under the gate, so the cached count stays exact.
        if (_count < 0)
        {
            using SqliteCommand command = _database.Command("SELECT COUNT(*) FROM outbox;", transaction);
            _count = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return _count;
    }
}
