using System.Data.Common;
using CallSync.Hub.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CallSync.Hub.Storage;

/// <summary>
/// Opens connections to the configured engine. SQLite and PostgreSQL share one schema and one SQL dialect
/// (named <c>@parameters</c>, <c>INSERT ... ON CONFLICT DO NOTHING</c>, BIGINT unix-millisecond times);
/// only identity columns differ, see <see cref="Migrations"/>.
/// </summary>
internal sealed class HubDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqliteConnectionString = string.Empty;

    public HubDatabase(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Provider;
        if (Provider == StorageProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(options.ConnectionString);
        }
        else
        {
            // busy_timeout lets several connections of one hub queue for SQLite's single writer.
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { DefaultTimeout = 30, Pooling = true };
            _sqliteConnectionString = builder.ConnectionString;
        }
    }

    public StorageProvider Provider { get; }

    /// <summary>
    /// Creates the SQLite file owner-only (0600) before SQLite does (it would follow the umask, usually 0644), and
    /// tightens an existing file and its <c>-wal</c>, <c>-shm</c> and <c>-journal</c> companions, which SQLite creates with
    /// the database file's mode. Nothing for PostgreSQL or an in-memory database.
    /// </summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission.</exception>
    public static void PrepareFile(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != StorageProvider.Sqlite || OperatingSystem.IsWindows())
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource.Length == 0 || builder.DataSource == ":memory:"
            || builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var path = Path.GetFullPath(builder.DataSource);
        if (!File.Exists(path) && Directory.Exists(Path.GetDirectoryName(path)))
        {
            try
            {
                // An empty file is an empty database to SQLite.
                using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
            }
            catch (IOException) when (File.Exists(path))
            {
                // another instance created it first; its mode is checked below
            }
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
        }
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // secure_delete: a changed or deleted value (a provisioning key before it was sealed) is overwritten, not left in a free page.
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }
}
