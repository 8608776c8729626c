using CallSync.Testing.Peers.Postgres;
using Npgsql;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>A throwaway PostgreSQL 15 cluster (see <see cref="PostgresCluster"/>); each test gets its own database.</summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly PostgresCluster _cluster = PostgresCluster.Start("max_connections=200", "shared_buffers=128MB");
    private int _databases;

    public int Port => _cluster.Port;

    /// <summary>Creates a new empty database and returns its connection string.</summary>
    public string NewDatabase()
    {
        var name = "hub_" + Interlocked.Increment(ref _databases);
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE DATABASE " + name;
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        _cluster.Dispose();
    }

    private string ConnectionString(string database) =>
        _cluster.ConnectionString(database, "Pooling=true;Maximum Pool Size=50;Timeout=30");
}
