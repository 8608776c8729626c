using Npgsql;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster (Debian's <c>postgresql</c> package) in a temp dir on a free port, run as the
/// <c>postgres</c> user because postgres refuses to run as root. Each test gets its own database.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin/";
    private readonly string _dir;
    private readonly ExternalProcess _server;
    private int _databases;

    public PostgresFixture()
    {
        _dir = Path.Combine(Path.GetTempPath(), "callsync-hub-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        ExternalProcess.Run("chown", "postgres:postgres", _dir);
        var data = Path.Combine(_dir, "data");
        ExternalProcess.Run("runuser", "-u", "postgres", "--", Bin + "initdb", "-D", data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-sync");
        Port = FreePort.Next();
        _server = ExternalProcess.Start("runuser", [
            "-u", "postgres", "--", Bin + "postgres", "-D", data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-k", _dir, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=128MB",
        ]);
        _server.WaitForPort(Port, TimeSpan.FromSeconds(30));
    }

    public int Port { get; }

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
        _server.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50;Timeout=30";
}
