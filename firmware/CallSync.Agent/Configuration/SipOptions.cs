namespace CallSync.Agent.Configuration;

/// <summary>The SIP user agent.</summary>
public sealed record SipOptions(
    IReadOnlyList<ListenEndpoint> Listen,
    string? Registrar,
    string? Username,
    string? Password,
    string? Domain,
    TimeSpan RegisterExpires,
    AutoAnswerMode AutoAnswer,
    TimeSpan AutoAnswerDelay,
    int MaxCalls,
    IReadOnlyList<string> Codecs,
    string UserAgent,
    TimeSpan SessionExpires,
    TimeSpan MinSessionExpires);
