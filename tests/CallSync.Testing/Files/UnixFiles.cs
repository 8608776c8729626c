namespace CallSync.Testing.Files;

/// <summary>File modes and owners for peers that run as their own user.</summary>
public static class UnixFiles
{
    /// <summary>Sets the permission bits of a file or directory (nothing on Windows, where the peers do not run).</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>World-readable (0644): a config a peer reads after dropping to its own user.</summary>
    public static void MakeReadableByEveryone(string path) =>
        SetMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    /// <summary><c>chown -R owner path</c>: hands a directory to the user a peer drops to.</summary>
    public static void ChangeOwner(string path, string owner) =>
        Processes.Tool.RunChecked("chown", "-R", owner, path);
}
