using System.Globalization;
using CallSync.Testing.Files;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Testing.Peers.Mosquitto;

/// <summary>
/// A real mosquitto (Debian 2.0) on 127.0.0.1 and a free port, with its config and persistence in a directory of its
/// own. As root mosquitto drops to user "mosquitto", which is given that directory. It can be stopped (SIGTERM, so it
/// saves its persistence file) and started again on the same port.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(15);
    private readonly TempDirectory _directory = new("callsync-mosquitto-");
    private ChildProcess? _process;

    private MosquittoBroker(MosquittoOptions options)
    {
        Port = FreePort.Tcp();
        var persistence = _directory.Subdirectory("persist");
        ConfigPath = _directory.File("mosquitto.conf");
        var listener = options.Listener?.Invoke(Port) ?? $"listener {Port} 127.0.0.1\nallow_anonymous true";
        var inflight = options.MaxInflightMessages is { } n ? $"max_inflight_messages {n}\n" : string.Empty;
        File.WriteAllText(ConfigPath, $"""
            {listener}
            persistence {(options.Persistence ? "true" : "false")}
            persistence_location {persistence}/
            autosave_interval 1
            max_queued_messages {options.MaxQueuedMessages.ToString(CultureInfo.InvariantCulture)}
            {inflight}log_dest stdout
            log_type error
            log_type warning

            """);
        if (Environment.UserName == "root")
        {
            UnixFiles.ChangeOwner(_directory.Path, "mosquitto");
        }
    }

    public int Port { get; }

    public string ConfigPath { get; }

    public string Url => "mqtt://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The running broker's process (null while stopped).</summary>
    public ChildProcess? Process => _process;

    /// <summary>Starts a new broker and waits until it accepts connections.</summary>
    public static async Task<MosquittoBroker> StartNewAsync(MosquittoOptions? options = null)
    {
        Tool.Require("mosquitto", "mosquitto");
        var broker = new MosquittoBroker(options ?? new MosquittoOptions());
        try
        {
            await broker.StartAsync().ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the broker (again) on its port and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("mosquitto is already running");
        }

        _process?.Dispose();
        _process = ChildProcess.Start(new ChildProcessOptions("mosquitto", "-c", ConfigPath) { WorkingDirectory = _directory.Path });
        var process = _process;
        await Eventually.UntilAsync(
            () => process.HasExited || Listening.OnTcp(Port),
            Startup,
            () => "mosquitto to listen on " + Port.ToString(CultureInfo.InvariantCulture) + ": " + process.Describe()).ConfigureAwait(false);
        if (process.HasExited)
        {
            throw new InvalidOperationException("mosquitto exited at start: " + process.Describe());
        }
    }

    /// <summary>SIGTERM (mosquitto saves its persistence file) and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.Terminate();
        await _process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
        _process = null;
    }

    public string Describe() => _process?.Describe() ?? "mosquitto (stopped)";

    public void Dispose()
    {
        _process?.Dispose();
        _process = null;
        _directory.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
