using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;

namespace CallSync.Agent.Tests;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Prepare_NewPath_CreatesOwnerOnlyDirectoryWithRecordings()
    {
        var path = Path.Combine(_dir, "a", "b");
        var data = DataDirectory.Prepare(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        Assert.True(Directory.Exists(data.Recordings));
        Assert.Equal(Path.Combine(path, "recordings"), data.Recordings);
    }

    [Fact]
    public void Prepare_WorldReadableDirectory_IsTightened()
    {
        var path = Path.Combine(_dir, "open");
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("777", 8));
        DataDirectory.Prepare(path);
        Assert.Equal((UnixFileMode)Convert.ToInt32("700", 8), File.GetUnixFileMode(path));
    }

    [Fact]
    public void Prepare_PathUnderAFile_IsAClearStartupError()
    {
        var file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "");
        var error = Assert.Throws<StartupError>(() => DataDirectory.Prepare(Path.Combine(file, "data")));
        Assert.StartsWith($"configuration: Device:DataDir = \"{file}/data\" is not a writable directory", error.Message, StringComparison.Ordinal);
    }
}
