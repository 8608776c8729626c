using CallSync.Contracts;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;

namespace CallSync.Records.Tests.Contracts;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecureFileTests
{
    [Fact]
    public void WriteAllBytes_NewDirectoryAndFile_OwnerOnlyAndNoTemporaryLeft()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "keys", "secret");

        SecureFile.WriteAllBytes(path, "s3cret"u8);
        SecureFile.WriteAllBytes(path, "rotated"u8);

        Assert.Equal("rotated", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(["secret"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllBytes_GroupReadableMode_GetsExactlyThatMode()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "passwd");
        const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

        SecureFile.WriteAllBytes(path, "hashes"u8, Mode);

        Assert.Equal(Mode, File.GetUnixFileMode(path));
    }
}
