namespace CallSync.Hub.Configuration;

/// <summary>The web app the hub serves.</summary>
internal sealed class WebOptions
{
    /// <summary>The published app's wwwroot folder, or null to serve only the API.</summary>
    public string? Root { get; init; }
}
