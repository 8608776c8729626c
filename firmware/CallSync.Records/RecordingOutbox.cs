using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CallSync.Records;

/// <summary>
/// The companion (audio) outbox. The companion link lists pending recordings oldest first, transfers them and
/// calls <see cref="MarkDelivered"/> after the mobile confirmed the SHA-256. Files leave the disk only through
/// <see cref="ApplyRetention"/>: delivered files by age or quota, undelivered files only when over quota.
/// </summary>
public sealed class RecordingOutbox
{
    internal const string EvictedFlagKey = "flag.recordingsEvicted";

    private readonly RecordsDatabase _database;
    private readonly RetentionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingOutbox> _logger;

    /// <summary>Creates the store over an open database.</summary>
    public RecordingOutbox(RecordsDatabase database, RetentionOptions options, TimeProvider time, ILogger<RecordingOutbox> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Raised after a recording was enqueued (the companion link may start a transfer).</summary>
    public event Action<Guid>? Enqueued;

    /// <summary>Adds a recording; false when one with this id exists already.</summary>
    public bool Enqueue(Guid recordId, string path, long bytes, string sha256)
    {
        bool added;
        lock (_database.Gate)
        {
            using SqliteTransaction transaction = _database.Connection.BeginTransaction();
            added = EnqueueLocked(recordId, path, bytes, sha256, transaction);
            transaction.Commit();
        }

        if (added)
        {
            Enqueued?.Invoke(recordId);
        }

        return added;
    }

    /// <summary>Recordings not yet delivered nor evicted, oldest first.</summary>
    public IReadOnlyList<PendingRecording> ListPending(int max = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var list = new List<PendingRecording>();
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command(
                "SELECT record_id, path, bytes, sha256, enqueued_at FROM recordings WHERE delivered_at IS NULL AND removed_at IS NULL ORDER BY enqueued_at, rowid LIMIT $max;");
            command.Parameters.AddWithValue("$max", max);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new PendingRecording(
                    Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }
        }

        return list;
    }

    /// <summary>Number of recordings waiting for the companion.</summary>
    public int PendingCount
    {
        get
        {
            lock (_database.Gate)
            {
                using SqliteCommand command = _database.Command("SELECT COUNT(*) FROM recordings WHERE delivered_at IS NULL AND removed_at IS NULL;");
                return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Bytes of recordings still on disk.</summary>
    public long BytesOnDisk
    {
        get
        {
            lock (_database.Gate)
            {
                return BytesOnDiskLocked();
            }
        }
    }

    /// <summary>Marks a recording confirmed by the companion; false when unknown, evicted or already delivered.</summary>
    public bool MarkDelivered(Guid recordId)
    {
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command(
                "UPDATE recordings SET delivered_at = $now WHERE record_id = $id AND delivered_at IS NULL AND removed_at IS NULL;");
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", recordId.ToString("D"));
            bool changed = command.ExecuteNonQuery() == 1;
            if (changed)
            {
                Log.RecordingDelivered(_logger, recordId);
            }

            return changed;
        }
    }

    /// <summary>Applies <see cref="RetentionOptions"/>; run it periodically (e.g. hourly) and after each split.</summary>
    public RetentionResult ApplyRetention()
    {
        int expired = 0;
        int quotaDelivered = 0;
        int evicted = 0;
        long bytes;
        lock (_database.Gate)
        {
            long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            long cutoff = now - (long)_options.MaxAge.TotalMilliseconds;
            foreach ((string id, string path, long _) in Select(
                "SELECT record_id, path, bytes FROM recordings WHERE delivered_at IS NOT NULL AND removed_at IS NULL AND enqueued_at < $cutoff ORDER BY enqueued_at, rowid;",
                cutoff))
            {
                Remove(id, path, now, evicted: false);
                expired++;
            }

            bytes = BytesOnDiskLocked();
            if (bytes > _options.QuotaBytes)
            {
                foreach ((string id, string path, long size) in Select(
                    "SELECT record_id, path, bytes FROM recordings WHERE delivered_at IS NOT NULL AND removed_at IS NULL ORDER BY enqueued_at, rowid;", null))
                {
                    if (bytes <= _options.QuotaBytes)
                    {
                        break;
                    }

                    Remove(id, path, now, evicted: false);
                    bytes -= size;
                    quotaDelivered++;
                }
            }

            if (bytes > _options.QuotaBytes)
            {
                foreach ((string id, string path, long size) in Select(
                    "SELECT record_id, path, bytes FROM recordings WHERE delivered_at IS NULL AND removed_at IS NULL ORDER BY enqueued_at, rowid;", null))
                {
                    if (bytes <= _options.QuotaBytes)
                    {
                        break;
                    }

                    Remove(id, path, now, evicted: true);
                    bytes -= size;
                    evicted++;
                    Log.RecordingEvicted(_logger, Guid.Parse(id), size, _options.QuotaBytes);
                }

                _database.WriteMeta(EvictedFlagKey, 1);
            }
        }

        if (expired + quotaDelivered + evicted > 0)
        {
            Log.RetentionApplied(_logger, expired, quotaDelivered, evicted, bytes);
        }

        return new RetentionResult(expired, quotaDelivered, evicted, bytes);
    }

    internal bool EnqueueLocked(Guid recordId, string path, long bytes, string sha256, SqliteTransaction transaction)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        using SqliteCommand command = _database.Command(
            "INSERT INTO recordings(record_id, path, bytes, sha256, enqueued_at) VALUES($id, $path, $bytes, $sha, $at) ON CONFLICT(record_id) DO NOTHING;",
            transaction);
        command.Parameters.AddWithValue("$id", recordId.ToString("D"));
        command.Parameters.AddWithValue("$path", path);
        command.Parameters.AddWithValue("$bytes", bytes);
        command.Parameters.AddWithValue("$sha", sha256.ToLowerInvariant());
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 1;
    }

    internal void RaiseEnqueued(Guid recordId) => Enqueued?.Invoke(recordId);

    private long BytesOnDiskLocked()
    {
        using SqliteCommand command = _database.Command("SELECT COALESCE(SUM(bytes), 0) FROM recordings WHERE removed_at IS NULL;");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private List<(string Id, string Path, long Bytes)> Select(string sql, long? cutoff)
    {
        var rows = new List<(string, string, long)>();
        using SqliteCommand command = _database.Command(sql);
        if (cutoff is { } c)
        {
            command.Parameters.AddWithValue("$cutoff", c);
        }

        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }

    private void Remove(string id, string path, long now, bool evicted)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            Log.RecordingDeleteFailed(_logger, ex, Guid.Parse(id));
            return;
        }
        catch (UnauthorizedAccessException ex)
        {
            Log.RecordingDeleteFailed(_logger, ex, Guid.Parse(id));
            return;
        }

        using SqliteCommand command = _database.Command("UPDATE recordings SET removed_at = $now, evicted = $ev WHERE record_id = $id;");
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$ev", evicted ? 1 : 0);
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }
}
