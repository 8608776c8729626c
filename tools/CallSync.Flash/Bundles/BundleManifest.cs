namespace CallSync.Flash.Bundles;

/// <summary>A release bundle's <c>manifest.json</c> (docs/flashing.md, "Release bundles").</summary>
internal sealed record BundleManifest(
    int Format,
    string Version,
    string Commit,
    string Board,
    string Rid,
    string Created,
    IReadOnlyList<BundleFile> Files)
{
    /// <summary>The one format this tool writes and reads.</summary>
    public const int CurrentFormat = 1;
}
