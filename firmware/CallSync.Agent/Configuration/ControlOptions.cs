namespace CallSync.Agent.Configuration;

/// <summary>The local control socket the technician CLI talks to.</summary>
internal sealed record ControlOptions
{
    /// <summary>Control:Socket, an absolute path of at most 107 bytes.</summary>
    public required string Socket { get; init; }
}
