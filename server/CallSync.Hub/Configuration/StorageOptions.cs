namespace CallSync.Hub.Configuration;

/// <summary>Where the hub keeps users, devices, bindings, call records and its push ledger.</summary>
internal sealed class StorageOptions
{
    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    public string ConnectionString { get; init; } = "Data Source=callsync-hub.db";
}
