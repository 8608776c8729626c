namespace CallSync.Agent.Configuration;

/// <summary>Where the paired mobile connects (Companion:Listen).</summary>
public sealed record CompanionOptions
{
    /// <summary>Companion:Listen.</summary>
    public required CompanionListenEndPoint Listen { get; init; }
}
