namespace CallSync.Agent.Configuration;

/// <summary>The local control socket the technician CLI talks to.</summary>
public sealed record ControlOptions(string Socket);
