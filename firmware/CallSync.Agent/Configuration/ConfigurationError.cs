namespace CallSync.Agent.Configuration;

/// <summary>
/// A configuration value the agent cannot use: which key, what it held and what was expected. The agent prints
/// <see cref="Message"/> as its one line and exits with code 2.
/// </summary>
public sealed class ConfigurationError(string key, string? value, string expected) : Exception(Format(key, value, expected))
{
    /// <summary>The full key, e.g. "Sip:AutoAnswer".</summary>
    public string Key { get; } = key;

    /// <summary>The value found, or null when the key was missing.</summary>
    public string? Value { get; } = value;

    /// <summary>What the key accepts.</summary>
    public string Expected { get; } = expected;

    private static string Format(string key, string? value, string expected) => value is null
        ? $"configuration: {key} is missing; expected {expected}"
        : $"configuration: {key} = \"{value}\" is invalid; expected {expected}";
}
