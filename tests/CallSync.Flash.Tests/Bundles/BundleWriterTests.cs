using CallSync.Flash.Bundles;
using CallSync.Flash.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Flash.Tests.Bundles;

public sealed class BundleWriterTests : IDisposable
{
    private readonly TestBundle _bundle = new();

    public void Dispose() => _bundle.Dispose();

    [Fact]
    public void TryWrite_StageWithoutTheAgent_IsRefusedAndWritesNothing()
    {
        File.Delete(Path.Combine(_bundle.Stage, "bin/callsync-agent"));
        var output = _bundle.Directory.File("missing.tar");

        Assert.False(BundleWriter.TryWrite(_bundle.Stage, _bundle.Identity, _bundle.PrivateKey, output, new FakeTimeProvider(), out _, out var reason));

        Assert.Contains("lacks the required file 'bin/callsync-agent'", reason, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public void TryWrite_PathWithASpace_IsRefused()
    {
        _bundle.WriteStage("lib/odd name.so", "x", UnixFileMode.UserRead);

        Assert.False(BundleWriter.TryWrite(_bundle.Stage, _bundle.Identity, _bundle.PrivateKey, _bundle.Directory.File("x.tar"), new FakeTimeProvider(), out _, out var reason));
        Assert.StartsWith("lib/odd name.so: a path a bundle cannot carry", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_KeyReadableByOthers_IsRefused()
    {
        File.SetUnixFileMode(_bundle.PrivateKey, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.False(BundleWriter.TryWrite(_bundle.Stage, _bundle.Identity, _bundle.PrivateKey, _bundle.Directory.File("x.tar"), new FakeTimeProvider(), out _, out var reason));
        Assert.Contains("is readable by others", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_Manifest_IsSortedWithSizesHashesAndTheFakeClocksTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero));

        Assert.True(BundleWriter.TryWrite(_bundle.Stage, _bundle.Identity, _bundle.PrivateKey, _bundle.Directory.File("y.tar"), time, out var manifest, out var reason), reason);

        Assert.Equal("2026-12-04T23:00:00Z", manifest!.Created);
        var version = manifest.Files.Single(f => f.Path == "VERSION");
        Assert.Equal(6, version.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("1.2.0\n"u8)), version.Sha256);
        Assert.Equal("0600", version.Mode);
    }

    [Fact]
    public void Generate_NewKeys_PrivateIsOwnerOnlyAndAnExistingKeyIsNeverReplaced()
    {
        var keys = _bundle.Directory.Subdirectory("fresh");

        var (privatePath, publicPath) = ReleaseKeys.Generate(keys);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicPath), StringComparison.Ordinal);
        var before = File.ReadAllText(privatePath);
        Assert.Throws<IOException>(() => ReleaseKeys.Generate(keys));
        Assert.Equal(before, File.ReadAllText(privatePath));
    }

    [Fact]
    public void TryLoadTrusted_NotAKey_IsRefusedNamingTheFile()
    {
        var junk = _bundle.Directory.File("junk.pem");
        File.WriteAllText(junk, "not a key");

        Assert.False(ReleaseKeys.TryLoadTrusted([junk], out _, out var reason));
        Assert.Contains("is not an ECDSA public key PEM", reason, StringComparison.Ordinal);
    }
}
