using System.Formats.Tar;
using System.Text;
using CallSync.Flash.Bundles;
using CallSync.Flash.Tests.Support;

namespace CallSync.Flash.Tests.Bundles;

public sealed class BundleVerifyTests : IDisposable
{
    private readonly TestBundle _bundle = new();

    public void Dispose() => _bundle.Dispose();

    [Fact]
    public void TryVerify_SignedBundle_PassesAndExtractsEveryFileWithItsMode()
    {
        var extract = _bundle.Directory.File("out");

        Assert.True(BundleReader.TryVerify(_bundle.Path, _bundle.Trusted(), extract, out var check, out var reason), reason);

        Assert.Equal(_bundle.PublicKey, check!.Signer);
        Assert.Equal(["VERSION", "bin/callsync", "bin/callsync-agent", "callsync-agent.service"], check.Manifest.Files.Select(f => f.Path));
        Assert.Equal("1.2.0\n", File.ReadAllText(Path.Combine(extract, "VERSION")));
        Assert.Equal("0755", check.Manifest.Files.Single(f => f.Path == "bin/callsync-agent").Mode);
        Assert.True(File.GetUnixFileMode(Path.Combine(extract, "bin/callsync-agent")).HasFlag(UnixFileMode.OtherExecute));
    }

    [Fact]
    public void TryVerify_KeyNotTrusted_RefusesTheSignatureBeforeThePayload()
    {
        using var other = new TestBundle();
        var extract = _bundle.Directory.File("out");

        Assert.False(BundleReader.TryVerify(_bundle.Path, other.Trusted(), extract, out _, out var reason));

        Assert.StartsWith("signature refused", reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(extract));
    }

    [Fact]
    public void TryVerify_ManifestChangedAfterSigning_RefusesTheSignature()
    {
        var tampered = Rewrite(e => e.Name == BundlePaths.Manifest
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Read(e)).Replace("1.2.0", "1.2.1", StringComparison.Ordinal))
            : null);

        Assert.False(BundleReader.TryVerify(tampered, _bundle.Trusted(), null, out _, out var reason));
        Assert.StartsWith("signature refused", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryVerify_PayloadFileChanged_NamesTheHashMismatch()
    {
        // Same length, one byte different: only the hash can tell.
        var tampered = Rewrite(e => e.Name == "payload/bin/callsync-agent" ? Encoding.UTF8.GetBytes("#!/bin/sh\necho AGENT\n") : null);

        Assert.False(BundleReader.TryVerify(tampered, _bundle.Trusted(), null, out _, out var reason));
        Assert.StartsWith("hash mismatch for bin/callsync-agent", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryVerify_EntryNotInManifest_IsRefused()
    {
        var path = _bundle.Directory.File("extra.tar");
        File.Copy(_bundle.Path, path);
        using (var stream = File.Open(path, FileMode.Open))
        {
            // Append after the last entry, over the two zero blocks that end the archive.
            stream.Seek(-1024, SeekOrigin.End);
            using var tar = new TarWriter(stream, leaveOpen: true);
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "payload/bin/backdoor") { DataStream = new MemoryStream([1, 2, 3]) });
        }

        Assert.False(BundleReader.TryVerify(path, _bundle.Trusted(), null, out _, out var reason));
        Assert.Equal("unexpected entry 'payload/bin/backdoor': not listed in the manifest", reason);
    }

    [Fact]
    public void TryVerify_TruncatedAtAnyLength_RefusesWithoutThrowing()
    {
        var bytes = File.ReadAllBytes(_bundle.Path);
        var keys = _bundle.Trusted();
        // Cut anywhere up to inside the last entry's data (after it come only padding and the end-of-archive blocks,
        // whose absence readers tolerate).
        for (var length = 0; length < bytes.Length - 2048; length += 97)
        {
            using var stream = new MemoryStream(bytes, 0, length);
            Assert.False(BundleReader.TryVerify(stream, keys, null, out _, out var reason), $"length {length}");
            Assert.NotEmpty(reason);
        }
    }

    [Fact]
    public void TryVerify_RandomBytes_RefusesWithoutThrowing()
    {
        var random = new Random(15);
        var keys = _bundle.Trusted();
        for (var i = 0; i < 50; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            using var stream = new MemoryStream(bytes);
            Assert.False(BundleReader.TryVerify(stream, keys, null, out _, out _));
        }
    }

    private static byte[] Read(TarEntry entry)
    {
        using var copy = new MemoryStream();
        entry.DataStream!.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A copy of the bundle with entries' contents replaced where <paramref name="replace"/> returns bytes.</summary>
    private string Rewrite(Func<TarEntry, byte[]?> replace)
    {
        var path = _bundle.Directory.File($"tampered-{Guid.NewGuid():N}.tar");
        using var input = File.OpenRead(_bundle.Path);
        using var reader = new TarReader(input);
        using var output = File.Create(path);
        using var writer = new TarWriter(output, TarEntryFormat.Ustar);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var content = replace(entry) ?? Read(entry);
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(content), Mode = entry.Mode });
        }

        return path;
    }
}
