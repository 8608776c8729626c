using System.Diagnostics;
using System.Net.Sockets;
using CallSync.Flash.Boards;
using CallSync.Testing.Files;
using CallSync.Testing.Processes;

namespace CallSync.Flash.Tests.Emulated;

/// <summary>
/// A board emulated on this machine: systemd-nspawn boots systemd as PID 1 over an overlay of the cached Debian rootfs
/// (deploy/test-board-rootfs.sh), in its own network namespace reached over a veth on 10.77.N.0/24, with sshd taking
/// the test's key. The overlay's upper directory is the board's disk: it survives <see cref="PowerCut"/>, /run does not.
/// The host's /usr/share/dotnet is bound read-only: the agent on the board is framework-dependent.
/// </summary>
internal sealed class EmulatedBoard : IDisposable
{
    public const string RootfsVariable = "CALLSYNC_TEST_BOARD_ROOTFS";
    private const string DefaultRootfs = "/var/cache/callsync-test-board/rootfs";
    private static readonly TimeSpan BootPatience = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _dir = new("callsync-board-");
    private readonly string _namespace;
    private readonly string _hostLink;
    private readonly string _merged;
    private Process? _container;

    public EmulatedBoard(int index, string publicKey)
    {
        var rootfs = Environment.GetEnvironmentVariable(RootfsVariable) is { Length: > 0 } custom ? custom : DefaultRootfs;
        Assert.True(File.Exists(Path.Combine(rootfs, "etc/callsync-test-board")),
            $"no emulated-board rootfs in {rootfs}: run deploy/test-board-rootfs.sh as root (make test's dependency step does)");

        // Names and subnet unique per test process, so two runs on one machine do not collide.
        var id = (Environment.ProcessId % 100) * 2 + index;
        _namespace = $"csflash-{Environment.ProcessId}-{index}";
        _hostLink = $"csf{id}h";
        Address = $"10.77.{id}.2";
        Name = $"board{index}";

        _merged = _dir.Subdirectory("merged");
        Tool.RunChecked("mount", "-t", "overlay", "overlay", "-o",
            $"lowerdir={rootfs},upperdir={_dir.Subdirectory("upper")},workdir={_dir.Subdirectory("work")}", _merged);
        var ssh = Directory.CreateDirectory(Path.Combine(_merged, "root/.ssh")).FullName;
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(ssh, "authorized_keys"), publicKey);
        File.SetUnixFileMode(Path.Combine(ssh, "authorized_keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(_merged, "etc/hostname"), Name + "\n");

        Tool.RunChecked("ip", "netns", "add", _namespace);
        Tool.RunChecked("ip", "link", "add", _hostLink, "type", "veth", "peer", "name", "eth0", "netns", _namespace);
        Tool.RunChecked("ip", "addr", "add", $"10.77.{id}.1/24", "dev", _hostLink);
        Tool.RunChecked("ip", "link", "set", _hostLink, "up");
        Tool.RunChecked("ip", "netns", "exec", _namespace, "ip", "addr", "add", $"{Address}/24", "dev", "eth0");
        Tool.RunChecked("ip", "netns", "exec", _namespace, "ip", "link", "set", "eth0", "up");
        Tool.RunChecked("ip", "netns", "exec", _namespace, "ip", "link", "set", "lo", "up");
    }

    public string Name { get; }

    /// <summary>The board's address on its veth.</summary>
    public string Address { get; }

    /// <summary>How callsync-flash names it.</summary>
    public BoardAddress SshAddress => new("root", Address, 22);

    /// <summary>The board's console output (systemd's boot messages), for failure messages.</summary>
    public string ConsoleLog => File.Exists(_dir.File("console.log")) ? File.ReadAllText(_dir.File("console.log")) : "";

    /// <summary>Boots the board (systemd as PID 1) and waits until sshd accepts connections.</summary>
    public async Task PowerOnAsync()
    {
        Assert.Null(_container);
        var start = new ProcessStartInfo("systemd-nspawn") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--quiet", "--boot", "--keep-unit", "--register=no", $"--directory={_merged}", $"--machine={Name}-{Environment.ProcessId}",
                     $"--network-namespace-path=/run/netns/{_namespace}", "--bind-ro=/usr/share/dotnet",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _container = Process.Start(start)!;
        var log = new StreamWriter(_dir.File("console.log"), append: true) { AutoFlush = true };
        _container.OutputDataReceived += (_, e) => Write(log, e.Data);
        _container.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _container.Exited += (_, _) => log.Dispose();
        _container.EnableRaisingEvents = true;
        _container.BeginOutputReadLine();
        _container.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + BootPatience;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_container.HasExited, $"{Name} stopped while booting: {ConsoleLog}");
            if (await SshAcceptsAsync())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{Name} did not answer ssh within {BootPatience}: {ConsoleLog}");
    }

    /// <summary>Pulls the plug: every process of the board is killed at once, nothing is shut down or synced.</summary>
    public void PowerCut()
    {
        if (_container is null)
        {
            return;
        }

        if (!_container.HasExited)
        {
            _container.Kill(entireProcessTree: true);
            _container.WaitForExit(30_000);
        }

        _container.Dispose();
        _container = null;
    }

    /// <summary>Where the link <paramref name="path"/> on the board's disk points (read from the host, board on or off).</summary>
    public string? ReadLink(string path) => new FileInfo(_merged + path).LinkTarget;

    /// <summary>The first line of a text file on the board's disk, or null when there is none.</summary>
    public string? ReadText(string path) => File.Exists(_merged + path) ? File.ReadLines(_merged + path).FirstOrDefault()?.Trim() : null;

    /// <summary>"path size mtime" of every file and link under <paramref name="path"/> on the board's disk, sorted.</summary>
    public IReadOnlyList<string> FilesUnder(string path)
    {
        var root = _merged + path;
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => new FileInfo(p))
            .Where(f => f.LinkTarget is not null || !f.Attributes.HasFlag(FileAttributes.Directory))
            .Select(f => $"{Path.GetRelativePath(_merged, f.FullName)} {(f.LinkTarget ?? f.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))} {f.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        PowerCut();
        Tool.Run("umount", _merged);
        Tool.Run("ip", "netns", "del", _namespace);
        Tool.Run("ip", "link", "del", _hostLink);
        _dir.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The console closed while the last lines came in.
            }
        }
    }

    private async Task<bool> SshAcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(Address, 22, timeout.Token);
            var banner = new byte[4];
            var read = await client.GetStream().ReadAsync(banner, timeout.Token);
            return read == 4 && banner.AsSpan().SequenceEqual("SSH-"u8);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
