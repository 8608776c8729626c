namespace CallSync.Records;

/// <summary>The boot sequence number, persisted in the data directory's database and incremented once per agent start.</summary>
public static class BootCounter
{
    private const string Key = "boot";

    /// <summary>Increments and returns the boot number (1 on the first start). Durable before it returns.</summary>
    public static long Next(RecordsDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        lock (database.Gate)
        {
            using var transaction = database.Connection.BeginTransaction();
            long next = database.ReadMeta(Key, transaction) + 1;
            database.WriteMeta(Key, next, transaction);
            transaction.Commit();
            return next;
        }
    }

    /// <summary>The last boot number handed out, 0 if none.</summary>
    public static long Current(RecordsDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        lock (database.Gate)
        {
            return database.ReadMeta(Key);
        }
    }
}
