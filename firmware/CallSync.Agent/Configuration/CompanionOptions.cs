namespace CallSync.Agent.Configuration;

/// <summary>Where the paired mobile connects (Companion:Listen).</summary>
internal sealed record CompanionOptions
{
    /// <summary>Companion:Listen.</summary>
    public required CompanionListenEndPoint Listen { get; init; }
}
