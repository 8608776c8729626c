namespace CallSync.Agent.Configuration;

/// <summary>Where the paired mobile connects: "tcp:HOST:PORT" or "rfcomm:CHANNEL".</summary>
public sealed record CompanionOptions(ListenEndpoint Listen);
