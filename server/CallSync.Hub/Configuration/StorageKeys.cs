using CallSync.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CallSync.Hub.Configuration;

/// <summary>The Storage section: declared keys and how they become <see cref="StorageOptions"/>.</summary>
internal static class StorageKeys
{
    public static readonly ConfigSection Section = new("Storage",
        "Where the hub keeps users, devices, bindings, call records, its push ledger and the secrets it generates.");

    /// <summary>A directory, absolute or relative to the working directory (also <c>Mqtt:MosquittoConfigDir</c>).</summary>
    public static readonly ConfigValue<string> DirectoryPath =
        ConfigValues.Text("a directory path", static v => v.IndexOfAny(Path.GetInvalidPathChars()) < 0, maxLength: 4096);

    public static readonly ConfigKey<string> DataDir = Section.Add("DataDir", DirectoryPath, StorageOptions.DefaultDataDir,
        "the hub's own directory (created 0700): the secrets it generates (`token-secret`, `broker-password`, " +
        "`key-encryption-key`, 0600) and, by default, the SQLite database (`hub.db`, 0600) and uploaded recordings (`recordings`); " +
        "a relative path is resolved against the working directory");

    public static readonly ConfigKey<StorageProvider> Provider = Section.Add("Provider",
        ConfigValues.OneOf("sqlite or postgres", ("sqlite", StorageProvider.Sqlite), ("postgres", StorageProvider.Postgres),
            ("postgresql", StorageProvider.Postgres)),
        StorageProvider.Sqlite, "the database engine");

    public static readonly ConfigKey<string?> ConnectionString = Section.Optional("ConnectionString",
        ConfigValues.Text("a connection string of at most 1024 characters", maxLength: 1024),
        "a Microsoft.Data.Sqlite or Npgsql connection string, e.g. `Host=db;Username=hub;Password=...;Database=callsync`",
        ConfigKeyFlags.Secret, defaultText: "`Data Source=DATADIR/hub.db` (`hub.db` in `Storage:DataDir`)");

    public static StorageOptions Read(ConfigReader reader)
    {
        var provider = reader.Get(Provider);
        var dataDir = Path.GetFullPath(reader.Get(DataDir));
        var connection = reader.Get(ConnectionString) ?? "Data Source=" + Path.Combine(dataDir, "hub.db");
        if (!reader.HasProblem(Provider) && !reader.HasProblem(ConnectionString) && !IsValid(provider, connection))
        {
            reader.Fail(ConnectionString, provider == StorageProvider.Sqlite
                ? "a Microsoft.Data.Sqlite connection string such as Data Source=/var/lib/callsync-hub/hub.db"
                : "an Npgsql connection string such as Host=db;Username=hub;Password=...;Database=callsync");
        }

        return new StorageOptions { Provider = provider, ConnectionString = connection, DataDir = dataDir };
    }

    // The drivers' own builders know their keywords; they throw on a bad string, which is the answer here.
    private static bool IsValid(StorageProvider provider, string connection)
    {
        try
        {
            _ = provider == StorageProvider.Sqlite
                ? new SqliteConnectionStringBuilder(connection).DataSource
                : new NpgsqlConnectionStringBuilder(connection).Host;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
