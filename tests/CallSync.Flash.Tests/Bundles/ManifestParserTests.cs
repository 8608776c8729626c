using System.Text;
using CallSync.Flash.Bundles;

namespace CallSync.Flash.Tests.Bundles;

public sealed class ManifestParserTests
{
    private const string Hash = "0000000000000000000000000000000000000000000000000000000000000000";

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("bin//x")]
    [InlineData("bin/./x")]
    [InlineData("bin/x;rm -rf")]
    [InlineData("bin/$(reboot)")]
    [InlineData("")]
    public void IsSafe_UnsafePath_IsFalse(string path) => Assert.False(BundlePaths.IsSafe(path));

    [Theory]
    [InlineData("bin/callsync-agent")]
    [InlineData("lib/libfoo.so.1")]
    [InlineData("share/c++/x_y")]
    public void IsSafe_OrdinaryPath_IsTrue(string path) => Assert.True(BundlePaths.IsSafe(path));

    [Fact]
    public void TryParse_FilesOutOfOrder_IsRefused()
    {
        var json = Manifest($$"""{"path":"bin/callsync-agent","size":1,"sha256":"{{Hash}}","mode":"0755"},{"path":"VERSION","size":1,"sha256":"{{Hash}}","mode":"0644"}""");

        Assert.False(ManifestParser.TryParse(json, out _, out var reason));
        Assert.StartsWith("manifest files are not sorted", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4755")]
    [InlineData("75")]
    [InlineData("0x1ff")]
    public void TryParse_BadMode_IsRefused(string mode)
    {
        var json = Manifest($$"""{"path":"VERSION","size":1,"sha256":"{{Hash}}","mode":"{{mode}}"}""");

        Assert.False(ManifestParser.TryParse(json, out _, out var reason));
        Assert.Equal($"manifest entry 'VERSION' has a bad mode '{mode}'", reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"format\":2}")]
    [InlineData("{\"format\":1,\"files\":[null]}")]
    public void TryParse_Broken_RefusesWithAReason(string json)
    {
        Assert.False(ManifestParser.TryParse(Encoding.UTF8.GetBytes(json), out var manifest, out var reason));
        Assert.Null(manifest);
        Assert.NotEmpty(reason);
    }

    private static byte[] Manifest(string files) => Encoding.UTF8.GetBytes(
        $$"""{"format":1,"version":"1","commit":"c","board":"b","rid":"linux-x64","created":"x","files":[{{files}}]}""");
}
