using Microsoft.Data.Sqlite;

namespace CallSync.Records;

/// <summary>
/// Persistent memory of remote command ids and their replies, so a repeated command (within the retention,
/// 24 h by default) is answered with its first reply and never executed twice, also across restarts.
/// </summary>
public sealed class CommandLedger
{
    private readonly RecordsDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the ledger over an open database.</summary>
    public CommandLedger(RecordsDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _time = time;
    }

    /// <summary>The entry for <paramref name="commandId"/>, or null when never seen (or pruned).</summary>
    public CommandLedgerEntry? Find(string commandId)
    {
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command("SELECT command_id, received_at, accepted_reply, final_reply FROM commands WHERE command_id = $id;");
            command.Parameters.AddWithValue("$id", commandId);
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    /// <summary>Records a command as accepted (executing). False when the id exists already.</summary>
    public bool TryBegin(string commandId, byte[] acceptedReply) => TryInsert(commandId, acceptedReply, null);

    /// <summary>Records a command with its final reply straight away (rejections, instant commands). False when the id exists.</summary>
    public bool TryRecordFinal(string commandId, byte[] finalReply) => TryInsert(commandId, null, finalReply);

    /// <summary>Stores the final reply of an executing command.</summary>
    public void Complete(string commandId, byte[] finalReply)
    {
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command("UPDATE commands SET final_reply = $r WHERE command_id = $id;");
            command.Parameters.AddWithValue("$id", commandId);
            command.Parameters.Add("$r", SqliteType.Blob).Value = finalReply;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Commands accepted but without a final reply (executing when the agent stopped).</summary>
    public IReadOnlyList<CommandLedgerEntry> ListUnfinished()
    {
        var list = new List<CommandLedgerEntry>();
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command("SELECT command_id, received_at, accepted_reply, final_reply FROM commands WHERE final_reply IS NULL ORDER BY received_at;");
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(Read(reader));
            }
        }

        return list;
    }

    /// <summary>Forgets entries received before now minus <paramref name="retention"/>; returns how many.</summary>
    public int Prune(TimeSpan retention)
    {
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command("DELETE FROM commands WHERE received_at < $cutoff AND final_reply IS NOT NULL;");
            command.Parameters.AddWithValue("$cutoff", (_time.GetUtcNow() - retention).ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }
    }

    private bool TryInsert(string commandId, byte[]? accepted, byte[]? final)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        lock (_database.Gate)
        {
            using SqliteCommand command = _database.Command(
                "INSERT INTO commands(command_id, received_at, accepted_reply, final_reply) VALUES($id, $at, $a, $f) ON CONFLICT(command_id) DO NOTHING;");
            command.Parameters.AddWithValue("$id", commandId);
            command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.Add("$a", SqliteType.Blob).Value = (object?)accepted ?? DBNull.Value;
            command.Parameters.Add("$f", SqliteType.Blob).Value = (object?)final ?? DBNull.Value;
            return command.ExecuteNonQuery() == 1;
        }
    }

    private static CommandLedgerEntry Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2),
        reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3));
}
