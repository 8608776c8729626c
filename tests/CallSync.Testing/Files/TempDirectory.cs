namespace CallSync.Testing.Files;

/// <summary>A fresh directory under the system temp directory for one test, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "callsync-test-")
    {
        Path = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates (if needed) a subdirectory and returns its path.</summary>
    public string Subdirectory(params string[] parts) => System.IO.Directory.CreateDirectory(File(parts)).FullName;

    /// <summary>
    /// Lets every user enter and write the directory (mode 0777): for peers that drop to their own user
    /// (kamailio as uid 65534, mosquitto as "mosquitto") and write their pid or log files here.
    /// </summary>
    public TempDirectory OpenToEveryone()
    {
        UnixFiles.SetMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        return this;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
        catch (IOException)
        {
            // a peer still releasing a file: the OS cleans the temp directory
        }
        catch (UnauthorizedAccessException)
        {
            // files left by a peer running as another user
        }
    }
}
