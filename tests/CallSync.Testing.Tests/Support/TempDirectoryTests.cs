using CallSync.Testing.Files;

namespace CallSync.Testing.Tests.Support;

public sealed class TempDirectoryTests
{
    [Fact]
    public void Dispose_DirectoryWithFilesAndSubdirectories_RemovesEverything()
    {
        string path;
        using (var directory = new TempDirectory("callsync-kit-"))
        {
            path = directory.Path;
            File.WriteAllText(directory.File("a.txt"), "a");
            File.WriteAllText(Path.Combine(directory.Subdirectory("b", "c"), "d.txt"), "d");
            Assert.StartsWith(Path.Combine(Path.GetTempPath(), "callsync-kit-"), path, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public void OpenToEveryone_NewDirectory_IsMode0777()
    {
        using var directory = new TempDirectory().OpenToEveryone();

        Assert.Equal((UnixFileMode)0x1FF, File.GetUnixFileMode(directory.Path));
    }
}
