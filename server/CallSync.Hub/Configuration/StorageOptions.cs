namespace CallSync.Hub.Configuration;

/// <summary>Where the hub keeps users, devices, bindings, call records, its push ledger and its generated secrets.</summary>
internal sealed class StorageOptions
{
    /// <summary>The relative default of <see cref="DataDir"/> (resolved against the working directory).</summary>
    public const string DefaultDataDir = "callsync-hub-data";

    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>The database; the default is the SQLite file <c>hub.db</c> in <see cref="DataDir"/>.</summary>
    public string ConnectionString { get; init; } = "Data Source=" + Path.Combine(Path.GetFullPath(DefaultDataDir), "hub.db");

    /// <summary>The hub's own directory (0700): generated secrets (0600) and, by default, the SQLite database.</summary>
    public string DataDir { get; init; } = Path.GetFullPath(DefaultDataDir);
}
