namespace CallSync.Agent.Storage;

/// <summary>How much space the file system holding a directory has left for this process (the seam tests fake).</summary>
internal interface IFreeSpaceProbe
{
    /// <summary>Bytes an unprivileged writer may still use on the file system of <paramref name="path"/>; null when it cannot be read.</summary>
    long? AvailableBytes(string path);
}
