using System.Diagnostics;

namespace CallSync.Companion.Tests.Support;

/// <summary>
/// A private D-Bus message bus: Debian's <c>dbus-daemon</c> on a socket in a temp directory, started for one test
/// and killed afterwards, with a policy that lets any connection own any name (the fake bluetoothd owns org.bluez).
/// </summary>
public sealed class PrivateBus : IDisposable
{
    private readonly Process _daemon;
    private readonly string _directory;

    private PrivateBus(Process daemon, string directory, string address)
    {
        _daemon = daemon;
        _directory = directory;
        Address = address;
    }

    /// <summary>The bus address to connect to (unix:path=...).</summary>
    public string Address { get; }

    public static async Task<PrivateBus> StartAsync()
    {
        string directory = Directory.CreateTempSubdirectory("dbus-").FullName;
        string config = Path.Combine(directory, "bus.conf");
        await File.WriteAllTextAsync(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>custom</type>
              <listen>unix:path={directory}/bus</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
              </policy>
            </busconfig>
            """);
        var start = new ProcessStartInfo("dbus-daemon", ["--config-file=" + config, "--nofork", "--nopidfile", "--print-address=1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var daemon = Process.Start(start) ?? throw new InvalidOperationException("dbus-daemon did not start");
        string? address = await daemon.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (string.IsNullOrEmpty(address))
        {
            string error = await daemon.StandardError.ReadToEndAsync();
            daemon.Kill();
            daemon.Dispose();
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException($"dbus-daemon printed no address: {error}");
        }

        return new PrivateBus(daemon, directory, address);
    }

    public void Dispose()
    {
        if (!_daemon.HasExited)
        {
            _daemon.Kill();
            _daemon.WaitForExit(10_000);
        }

        _daemon.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
