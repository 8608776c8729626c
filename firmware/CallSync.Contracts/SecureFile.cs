namespace CallSync.Contracts;

/// <summary>
/// The one writer of secrets on disk (keys, broker credentials, generated passwords) for the phone, the hub and the
/// tools: owner-only files (0600) in owner-only directories (0700), written to a temporary file in the same directory,
/// flushed to disk and renamed over the target, so no reader ever sees a partial or world-readable secret.
/// </summary>
public static class SecureFile
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its parents) owner-only when it does not exist.</summary>
    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> as a 0600 file, atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content) => Write(path, content, OwnerOnlyFile);

    /// <summary>
    /// Writes a file another local service must read (e.g. a broker's password file of hashes), atomically, with
    /// <paramref name="mode"/>; still created with that mode from the start, never wider in between.
    /// </summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, UnixFileMode mode) => Write(path, content, mode);

    private static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        EnsureDirectory(directory);
        string temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        File.Delete(temporary);
        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The umask may have narrowed the create mode; the caller's mode is what readers rely on.
            File.SetUnixFileMode(temporary, mode);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
