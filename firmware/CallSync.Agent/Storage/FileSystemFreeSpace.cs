namespace CallSync.Agent.Storage;

/// <summary>
/// Free space from the file system: on Linux <see cref="DriveInfo"/> takes any path and calls statvfs(3) on it
/// (f_bavail x f_bsize), so a data directory on its own mount (a tmpfs, an SD card partition) reports that mount.
/// </summary>
internal sealed class FileSystemFreeSpace : IFreeSpaceProbe
{
    public long? AvailableBytes(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
