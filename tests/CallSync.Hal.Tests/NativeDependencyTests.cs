namespace CallSync.Hal.Tests;

/// <summary>The start-up check of a native library: loaded as the owner's imports would load it, or the loader's reason.</summary>
public sealed class NativeDependencyTests
{
    [Fact]
    public void TryLoad_InstalledLibrary_TrueWithNoReason()
    {
        var libc = new NativeDependency("libc.so.6", "Debian's libc6", typeof(NativeDependency).Assembly);

        Assert.True(libc.TryLoad(out string reason));
        Assert.Empty(reason);
    }

    [Fact]
    public void TryLoad_MissingLibrary_FalseNotFound()
    {
        var missing = new NativeDependency("libcallsync-absent.so.7", "nowhere", typeof(NativeDependency).Assembly);

        Assert.False(missing.TryLoad(out string reason));
        Assert.Equal("not found", reason);
    }

    [Fact]
    public void ReasonOf_OneFileThereButBroken_ThatFilesError()
    {
        var error = new DllNotFoundException(
            "Unable to load shared library 'libx.so.1' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace.\n" +
            "/opt/app/libx.so.1: cannot open shared object file: No such file or directory\n" +
            "/usr/lib/x86_64-linux-gnu/libx.so.1: file too short\n" +
            "/opt/app/liblibx.so.1: cannot open shared object file: No such file or directory\n");

        Assert.Equal("/usr/lib/x86_64-linux-gnu/libx.so.1: file too short", NativeDependency.ReasonOf(error));
        Assert.Equal("libx.so.1", NativeDependency.LibraryOf(error));
    }

    [Fact]
    public void LibraryOf_MessageWithoutAName_SaysANativeLibrary() =>
        Assert.Equal("a native library", NativeDependency.LibraryOf(new DllNotFoundException("gone")));
}
