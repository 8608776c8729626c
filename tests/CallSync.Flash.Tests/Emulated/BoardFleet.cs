using CallSync.Flash.Bundles;
using CallSync.Testing.Files;
using CallSync.Testing.Processes;

namespace CallSync.Flash.Tests.Emulated;

/// <summary>
/// Two emulated boards booted once for the emulated-board tests, the technician's ssh key, a release key, and bundles
/// of the real agent and CLI (this build's output, framework-dependent) as versions 1.0.0 and 2.0.0.
/// </summary>
public sealed class BoardFleet : IAsyncLifetime
{
    private readonly List<EmulatedBoard> _boards = [];

    public TempDirectory Directory { get; } = new("callsync-fleet-");

    internal IReadOnlyList<EmulatedBoard> Boards => _boards;

    public string SshKey => Directory.File("id_ed25519");

    public string TrustKey => Directory.File("keys", ReleaseKeys.PublicFileName);

    public string Version1 => Directory.File("callsync-1.0.0.tar");

    public string Version2 => Directory.File("callsync-2.0.0.tar");

    /// <summary>Version 2.0.0 with a 64 MiB file more, so that a copy takes long enough to be cut in the middle.</summary>
    public string Version2Large => Directory.File("callsync-2.0.0-large.tar");

    public async Task InitializeAsync()
    {
        Tool.RunChecked("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "callsync-flash-tests", "-f", SshKey);
        var keys = ReleaseKeys.Generate(Directory.Subdirectory("keys"));
        MakeBundle("1.0.0", Version1, keys.PrivatePath, filler: false);
        MakeBundle("2.0.0", Version2, keys.PrivatePath, filler: false);
        MakeBundle("2.0.0", Version2Large, keys.PrivatePath, filler: true);

        var publicKey = await File.ReadAllTextAsync(SshKey + ".pub");
        for (var i = 0; i < 2; i++)
        {
            _boards.Add(new EmulatedBoard(i, publicKey));
        }

        await Task.WhenAll(_boards.Select(b => b.PowerOnAsync()));
    }

    public Task DisposeAsync()
    {
        foreach (var board in _boards)
        {
            board.Dispose();
        }

        Directory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A board configuration the agent accepts and is healthy with: listening, no registrar, no broker.</summary>
    public string WriteConfig(string name, string listen = "udp:0.0.0.0:5060")
    {
        var path = Directory.File(name);
        File.WriteAllText(path, $$"""
            { "Device": { "Id": "desk-0001", "Number": "1001", "DataDir": "/var/lib/callsync" },
              "Board":  { "Kind": "simulated", "ControlInput": false },
              "Sip":    { "Listen": ["{{listen}}"] } }
            """);
        return path;
    }

    private void MakeBundle(string version, string output, string privateKey, bool filler)
    {
        var stage = Directory.Subdirectory("stage-" + Path.GetFileNameWithoutExtension(output));
        var bin = System.IO.Directory.CreateDirectory(Path.Combine(stage, "bin")).FullName;
        foreach (var project in new[] { "firmware/CallSync.Agent", "tools/CallSync.Cli" })
        {
            CopyTree(BuildOutput(project), bin);
        }

        File.Copy(Path.Combine(RepositoryRoot(), "deploy/callsync-agent.service"), Path.Combine(stage, "callsync-agent.service"));
        File.WriteAllText(Path.Combine(stage, "VERSION"), version + "\n");
        if (filler)
        {
            var bytes = new byte[64 << 20];
            new Random(15).NextBytes(bytes);
            System.IO.Directory.CreateDirectory(Path.Combine(stage, "share"));
            File.WriteAllBytes(Path.Combine(stage, "share/filler.bin"), bytes);
        }

        var identity = new BundleIdentity(version, "0000000000000000000000000000000000000000", "generic-x64", "linux-x64");
        Assert.True(BundleWriter.TryWrite(stage, identity, privateKey, output, TimeProvider.System, out _, out var reason), reason);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
            {
                File.Copy(file, target);
            }
        }
    }

    /// <summary>The project's build output in the same configuration as this test (its project references build it).</summary>
    private static string BuildOutput(string project)
    {
        // AppContext.BaseDirectory is tests/CallSync.Flash.Tests/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(RepositoryRoot(), project, "bin", configuration, "net10.0");
        Assert.True(System.IO.Directory.Exists(path), $"{path} is not built");
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CallSync.Firmware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (CallSync.Firmware.sln) is not above the test's directory");
    }
}
