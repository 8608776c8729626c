using CallSync.Flash.Bundles;
using CallSync.Testing.Files;

namespace CallSync.Flash.Tests.Support;

/// <summary>A key pair, a staging directory with the required files, and a signed bundle made from them.</summary>
internal sealed class TestBundle : IDisposable
{
    public TestBundle(string version = "1.2.0")
    {
        (PrivateKey, PublicKey) = ReleaseKeys.Generate(Directory.Subdirectory("keys"));
        Stage = Directory.Subdirectory("stage");
        WriteStage("bin/callsync-agent", "#!/bin/sh\necho agent\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        WriteStage("bin/callsync", "#!/bin/sh\necho cli\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        WriteStage("callsync-agent.service", "[Service]\nExecStart=/opt/callsync/current/bin/callsync-agent\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteStage("VERSION", version + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Identity = new BundleIdentity(version, "0123456789abcdef0123456789abcdef01234567", "generic-x64", "linux-x64");
        Path = Directory.File($"callsync-{version}-generic-x64.tar");
        Assert.True(BundleWriter.TryWrite(Stage, Identity, PrivateKey, Path, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), out var manifest, out var reason), reason);
        Manifest = manifest!;
    }

    public TempDirectory Directory { get; } = new("callsync-flash-test-");

    public string PrivateKey { get; }

    public string PublicKey { get; }

    public string Stage { get; }

    public BundleIdentity Identity { get; }

    public string Path { get; }

    public BundleManifest Manifest { get; }

    public IReadOnlyList<TrustedKey> Trusted()
    {
        Assert.True(ReleaseKeys.TryLoadTrusted([PublicKey], out var keys, out var reason), reason);
        return keys;
    }

    public void WriteStage(string relative, string content, UnixFileMode mode)
    {
        var path = System.IO.Path.Combine(Stage, relative);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }

    public void Dispose() => Directory.Dispose();
}
