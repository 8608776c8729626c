namespace CallSync.Hub.Configuration;

/// <summary>Remote dial requests relayed to desk phones.</summary>
internal sealed class DialOptions
{
    /// <summary>A dial with no final reply after this long is reported as timed out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
