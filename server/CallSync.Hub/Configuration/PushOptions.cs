namespace CallSync.Hub.Configuration;

/// <summary>Push delivery to the apps.</summary>
internal sealed class PushOptions
{
    /// <summary>How often the digest scheduler looks for due daily digests.</summary>
    public TimeSpan DigestCheckInterval { get; init; } = TimeSpan.FromSeconds(30);
}
