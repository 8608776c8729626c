using CallSync.Testing.Processes;

namespace CallSync.Interop.Tests.Storage;

/// <summary>A small tmpfs mounted over a directory for one test (needs root), unmounted on dispose.</summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Bytes the file system still gives an unprivileged writer.</summary>
    public long Available => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Why a tmpfs cannot be mounted here, or null when it can (tried once on a scratch directory).</summary>
    public static string? WhyNot { get; } = Probe();

    /// <summary>Creates <paramref name="path"/> and mounts a tmpfs of <paramref name="size"/> (e.g. "3m") over it.</summary>
    public static SmallTmpfs Mount(string path, string size)
    {
        Directory.CreateDirectory(path);
        Tool.RunChecked("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path);
        return new SmallTmpfs(path);
    }

    /// <summary>Takes all but <paramref name="leaveBytes"/> of the free space with one preallocated file (fallocate: real blocks).</summary>
    public string Fill(long leaveBytes, string name = "filler.bin")
    {
        var path = System.IO.Path.Combine(Path, name);
        long size = Math.Max(4096, Available - leaveBytes);
        using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, PreallocationSize = size });
        file.SetLength(size);
        return path;
    }

    public void Dispose()
    {
        if (Tool.Run("umount", Path).ExitCode != 0)
        {
            // Something still holds a file open (a process that did not stop): detach it, it goes when they close.
            Tool.Run("umount", "-l", Path);
        }
    }

    private static string? Probe()
    {
        var scratch = Directory.CreateTempSubdirectory("callsync-tmpfs-probe-").FullName;
        try
        {
            var mounted = Tool.Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", scratch);
            if (mounted.ExitCode != 0)
            {
                return $"mount -t tmpfs is not permitted here (exit {mounted.ExitCode}: {mounted.Output.Trim()}); the test needs root with CAP_SYS_ADMIN";
            }

            Tool.Run("umount", scratch);
            return null;
        }
        finally
        {
            Directory.Delete(scratch);
        }
    }
}
