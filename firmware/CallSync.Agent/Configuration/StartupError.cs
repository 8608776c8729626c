namespace CallSync.Agent.Configuration;

/// <summary>The agent cannot start as configured (missing file, bad JSON, unusable data directory): exit code 2.</summary>
internal sealed class StartupError(string message) : Exception(message);
