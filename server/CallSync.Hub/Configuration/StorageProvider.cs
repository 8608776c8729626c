namespace CallSync.Hub.Configuration;

/// <summary>Which database engine stores the hub's data.</summary>
internal enum StorageProvider
{
    Sqlite,
    Postgres,
}
