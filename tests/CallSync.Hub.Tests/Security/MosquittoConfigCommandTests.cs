using System.Diagnostics;

namespace CallSync.Hub.Tests.Security;

/// <summary><c>callsync-hub mosquitto-config --out DIR</c>, run as the operator would.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MosquittoConfigCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-mosq-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Stdout, string Stderr) Hub(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "callsync-hub.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "callsync-hub did not exit");
        return (process.ExitCode, stdout.Result, stderr);
    }

    [Fact]
    public void MosquittoConfig_FreshHub_WritesPasswordAclAndSettingsThenExits()
    {
        var output = Path.Combine(_dir, "mosquitto");
        var (exit, stdout, stderr) = Hub("mosquitto-config", "--out", output, "--Storage:DataDir=" + Path.Combine(_dir, "data"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("wrote " + output, stdout, StringComparison.Ordinal);
        Assert.Matches(@"^hub:\$7\$101\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+\n$", File.ReadAllText(Path.Combine(output, "passwd")));
        Assert.Contains("pattern read callsync/v1/devices/%u/commands", File.ReadAllText(Path.Combine(output, "acl")), StringComparison.Ordinal);
        Assert.Contains("allow_anonymous false", File.ReadAllText(Path.Combine(output, "callsync.conf")), StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(output), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(f)));
    }

    [Fact]
    public void MosquittoConfig_NoOut_UsageAndExit2()
    {
        var (exit, _, stderr) = Hub("mosquitto-config");
        Assert.Equal(2, exit);
        Assert.StartsWith("usage: callsync-hub mosquitto-config --out DIR", stderr, StringComparison.Ordinal);
    }
}
