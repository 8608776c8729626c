using Microsoft.Data.Sqlite;

namespace CallSync.Records;

/// <summary>
/// The phone's durable store, <c>&lt;DataDir&gt;/callsync.db</c>: the MQTT outbox, the companion (recording)
/// outbox, the remote-command ledger and small counters, in one SQLite file so the splitter can write both
/// outboxes in one transaction. WAL journal with synchronous=FULL: a commit survives a power cut
/// (https://sqlite.org/pragma.html#pragma_synchronous); the WAL is kept under 256 KiB so it cannot take a small disk.
/// One connection, serialised by <see cref="Gate"/>.
/// </summary>
public sealed class RecordsDatabase : IDisposable
{
    /// <summary>The file name used under the data directory.</summary>
    public const string FileName = "callsync.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS outbox(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            record_id TEXT NOT NULL UNIQUE,
            topic TEXT NOT NULL,
            payload BLOB NOT NULL,
            enqueued_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS recordings(
            record_id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            delivered_at INTEGER,
            removed_at INTEGER,
            evicted INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS recordings_pending ON recordings(delivered_at, removed_at, enqueued_at);
        CREATE TABLE IF NOT EXISTS commands(
            command_id TEXT PRIMARY KEY,
            received_at INTEGER NOT NULL,
            accepted_reply BLOB,
            final_reply BLOB);
        CREATE TABLE IF NOT EXISTS meta(
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL);
        PRAGMA user_version = 1;
        """;

    private readonly SqliteConnection _connection;

    private RecordsDatabase(SqliteConnection connection, string path)
    {
        _connection = connection;
        FilePath = path;
    }

    /// <summary>Full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Serialises every use of <see cref="Connection"/> (a SQLite connection is not thread-safe).</summary>
    internal Lock Gate { get; } = new();

    /// <summary>The open connection; use only while holding <see cref="Gate"/>.</summary>
    internal SqliteConnection Connection => _connection;

    /// <summary>Opens (creating if needed) <c>&lt;dataDirectory&gt;/callsync.db</c>.</summary>
    public static RecordsDatabase OpenInDirectory(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        return Open(Path.Combine(dataDirectory, FileName));
    }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/> and applies the schema.</summary>
    public static RecordsDatabase Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            Execute(connection, "PRAGMA busy_timeout=5000;");

            // The WAL grows to wal_autocheckpoint pages before it is copied back (1000 by default: 4 MiB, measured
            // ~30 KiB per call) and keeps its largest size. On a small data partition that is space the records need
            // when the disk fills: checkpoint every 64 pages and truncate the file back to 256 KiB after each.
            Execute(connection, "PRAGMA wal_autocheckpoint=64;");
            Execute(connection, "PRAGMA journal_size_limit=262144;");
            Execute(connection, Schema);
            return new RecordsDatabase(connection, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Reads a pragma's current value (for diagnostics and tests).</summary>
    public string ReadPragma(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.All(c => char.IsAsciiLetter(c) || c == '_'))
        {
            throw new ArgumentException("Not a pragma name.", nameof(name));
        }

        lock (Gate)
        {
            using SqliteCommand command = _connection.CreateCommand();
#pragma warning disable CA2100 // The name is validated to letters and '_' above.
            command.CommandText = "PRAGMA " + name + ";";
#pragma warning restore CA2100
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (Gate)
        {
            _connection.Dispose();
        }
    }

    internal SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        SqliteCommand command = _connection.CreateCommand();
#pragma warning disable CA2100 // Callers pass constant SQL; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    internal long ReadMeta(string key, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = Command("SELECT value FROM meta WHERE key = $k;", transaction);
        command.Parameters.AddWithValue("$k", key);
        object? value = command.ExecuteScalar();
        return value is long l ? l : 0;
    }

    internal void WriteMeta(string key, long value, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = Command("INSERT INTO meta(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value;", transaction);
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
