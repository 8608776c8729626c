using System.Globalization;
using CallSync.Testing.Files;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Testing.Peers.Postgres;

/// <summary>
/// A throwaway PostgreSQL 15 cluster (Debian's <c>postgresql</c> package) in a temp directory on a free port, run as
/// the <c>postgres</c> user because postgres refuses to run as root; trust authentication on 127.0.0.1 only.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin/";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory;
    private readonly ChildProcess _server;

    private PostgresCluster(TempDirectory directory, int port, ChildProcess server)
    {
        _directory = directory;
        Port = port;
        _server = server;
    }

    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> as the superuser "postgres".</summary>
    public string ConnectionString(string database, string extra = "") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};{extra}";

    /// <summary>Creates the cluster (initdb), starts the server and waits until it accepts connections.</summary>
    public static PostgresCluster Start(params IReadOnlyList<string> settings)
    {
        if (!File.Exists(Bin + "postgres"))
        {
            throw new InvalidOperationException("PostgreSQL 15 is required: install the Debian package postgresql (deploy/test-deps.sh)");
        }

        var directory = new TempDirectory("callsync-pg-");
        try
        {
            UnixFiles.ChangeOwner(directory.Path, "postgres:postgres");
            var data = directory.File("data");
            Tool.RunChecked("runuser", "-u", "postgres", "--", Bin + "initdb", "-D", data, "--auth=trust", "-U", "postgres", "--encoding=UTF8", "--no-sync");
            var port = FreePort.Tcp();
            List<string> arguments = ["-u", "postgres", "--", Bin + "postgres", "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
                "-k", directory.Path, "-c", "listen_addresses=127.0.0.1"];
            foreach (var setting in settings)
            {
                arguments.AddRange(["-c", setting]);
            }

            var server = ChildProcess.Start(new ChildProcessOptions("runuser", arguments) { Name = "postgres" });
            var cluster = new PostgresCluster(directory, port, server);
            try
            {
                Eventually.Until(() => server.HasExited || Listening.OnTcp(port), Startup, () => "postgres to listen: " + server.Describe());
                return server.HasExited ? throw new InvalidOperationException("postgres exited at start: " + server.Describe()) : cluster;
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    public string Describe() => _server.Describe();

    public void Dispose()
    {
        // SIGTERM is postgres's "smart" shutdown, which waits for clients: a throwaway cluster is killed at once.
        _server.Stop(TimeSpan.Zero);
        _server.Dispose();
        _directory.Dispose();
    }
}
