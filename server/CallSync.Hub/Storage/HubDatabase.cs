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
            pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
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
