namespace CallSync.Hub.Configuration;

/// <summary>Recordings uploaded by the apps.</summary>
internal sealed record RecordingsOptions
{
    /// <summary><c>Recordings:Upload = allowed</c>; off by default, so audio reaches the hub only where the installation wants it.</summary>
    public bool UploadAllowed { get; init; }

    /// <summary>
    /// Absolute directory of the stored files (<c>{recordId}.opus</c>, <c>{recordId}.opus.part</c> while uploading);
    /// empty: <c>recordings</c> in <c>Storage:DataDir</c> (<see cref="Resolve"/>).
    /// </summary>
    public string Directory { get; init; } = string.Empty;

    /// <summary>How long a stored recording is kept after its upload completed.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>The largest recording accepted.</summary>
    public long MaxFileBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>These options with the default directory filled in: <c>recordings</c> in <paramref name="dataDir"/>.</summary>
    public RecordingsOptions Resolve(string dataDir) =>
        Directory.Length > 0 ? this : this with { Directory = Path.Combine(dataDir, "recordings") };
}
