using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallSync.Records.Tests.Support;

namespace CallSync.Records.Tests.Interop;

/// <summary>
/// A real Mosquitto on 127.0.0.1 and a free port, with on-disk persistence in a temp dir, so queued QoS 1
/// messages and retained state survive <see cref="StopAsync"/> / <see cref="StartAsync"/>.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private Process? _process;

    private MosquittoBroker(int port, Func<int, string>? listener)
    {
        Port = port;
        string persistence = Path.Combine(_dir.Path, "persist");
        Directory.CreateDirectory(persistence);
        ConfigPath = Path.Combine(_dir.Path, "mosquitto.conf");
        File.WriteAllText(ConfigPath, $"""
            {listener?.Invoke(port) ?? $"listener {port} 127.0.0.1\nallow_anonymous true"}
            persistence true
            persistence_location {persistence}/
            autosave_interval 1
            max_queued_messages 10000
            log_dest file {_dir.Path}/mosquitto.log
            log_type error
            log_type warning
            """);
        if (Environment.UserName == "root")
        {
            // As root Mosquitto drops to user "mosquitto", which must own the persistence and log files.
            Run("chown", "-R mosquitto " + _dir.Path);
        }
    }

    public int Port { get; }

    public string ConfigPath { get; }

    public string Url => "mqtt://127.0.0.1:" + Port;

    /// <param name="listener">The listener section for the port (default: plain, anonymous).</param>
    public static async Task<MosquittoBroker> StartNewAsync(Func<int, string>? listener = null)
    {
        var broker = new MosquittoBroker(FreePort(), listener);
        await broker.StartAsync();
        return broker;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("mosquitto", "-c " + ConfigPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("mosquitto did not start");
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(25);
            }
        }
    }

    /// <summary>SIGTERM (Mosquitto saves its persistence file) and wait for exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        Run("kill", "-TERM " + _process.Id);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token);
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _dir.Dispose();
    }

    private static void Run(string file, string arguments)
    {
        using Process p = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        p.WaitForExit();
    }
}
