namespace CallSync.Flash.Commands;

/// <summary>A private temporary directory for one run (known_hosts, the extracted payload), removed at the end.</summary>
internal sealed class RunDirectory : IDisposable
{
    public RunDirectory()
    {
        Path = Directory.CreateTempSubdirectory("callsync-flash-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is not worth failing the run for.
        }
    }
}
