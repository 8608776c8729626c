namespace CallSync.Agent.Hosting;

/// <summary>
/// The agent's data directory: created owner-only (0700) with its recordings/ folder; secrets in it (the stored hub
/// credentials, the attestation key) are written by <see cref="CallSync.Contracts.SecureFile"/>, 0600 from the moment
/// they exist.
/// </summary>
internal sealed class DataDirectory
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private DataDirectory(string path) => Path = path;

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>Where finished recordings are kept: <c>&lt;DataDir&gt;/recordings</c>.</summary>
    public string Recordings => System.IO.Path.Combine(Path, "recordings");

    /// <summary>The credentials the hub issued at enrollment: <c>&lt;DataDir&gt;/credentials.json</c> (0600).</summary>
    public string Credentials => System.IO.Path.Combine(Path, "credentials.json");

    /// <summary>Creates the directory and its folders if needed and proves it writable.</summary>
    /// <exception cref="Configuration.StartupError">It cannot be created or written.</exception>
    public static DataDirectory Prepare(string path)
    {
        try
        {
            CreateOwnerOnly(path);
            var directory = new DataDirectory(path);
            CreateOwnerOnly(directory.Recordings);
            var probe = System.IO.Path.Combine(path, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return directory;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new Configuration.StartupError(
                $"configuration: Device:DataDir = \"{path}\" is not a writable directory ({ex.Message.TrimEnd('.')})");
        }
    }

    private static void CreateOwnerOnly(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
        else if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.OtherRead)) != 0)
        {
            // An existing directory others can read or write would expose recordings and keys: tighten it.
            File.SetUnixFileMode(path, OwnerOnlyDirectory);
        }
    }
}
