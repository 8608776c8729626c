using System.Diagnostics;
using CallSync.Testing.Ports;
using CallSync.Testing.Processes;
using CallSync.Testing.Waiting;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>
/// mosquitto 2.0 run the way docs/security.md tells an installation to: the hub's generated directory included first,
/// one loopback listener on a free port with <c>use_username_as_clientid true</c>. It runs as root (the test's user)
/// so it can read the hub's 0640 files; <see cref="Reload"/> sends SIGHUP, as after the hub rewrites them.
/// </summary>
public sealed class SecuredMosquitto : IDisposable
{
    private readonly string _dir;
    private readonly ChildProcess _process;
    private readonly int _pid;

    private SecuredMosquitto(string dir, ChildProcess process, int pid, int port)
    {
        _dir = dir;
        _process = process;
        _pid = pid;
        Port = port;
    }

    public int Port { get; }

    public string Output => _process.Output;

    /// <summary>Starts mosquitto on the files the hub wrote to <paramref name="generated"/>.</summary>
    public static SecuredMosquitto Start(string generated, int port)
    {
        var dir = Directory.CreateTempSubdirectory("callsync-mosquitto-").FullName;
        var config = Path.Combine(dir, "mosquitto.conf");
        File.WriteAllText(config, $"""
            user root
            include_dir {generated}
            listener {port} 127.0.0.1
            use_username_as_clientid true
            log_dest stdout
            log_type error
            log_type warning
            log_type notice
            """);
        var process = ChildProcess.Start("mosquitto", "-c", config);
        Eventually.Until(() => Listening.OnTcp(port), TimeSpan.FromSeconds(15), () => "mosquitto to listen\n" + process.Describe());
        return new SecuredMosquitto(dir, process, process.Id, port);
    }

    /// <summary>SIGHUP: mosquitto reads the password and ACL files again.</summary>
    public void Reload()
    {
        using var kill = Process.Start("kill", ["-HUP", _pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
