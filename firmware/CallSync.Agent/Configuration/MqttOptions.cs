namespace CallSync.Agent.Configuration;

/// <summary>The link to the hub's broker; absent means no broker link.</summary>
public sealed record MqttOptions(
    Uri Url,
    string? Username,
    string? Password,
    string? ClientCertificate,
    string? ClientKey,
    string? CaCertificate,
    TimeSpan KeepAlive,
    int OutboxLimit,
    bool Embedded);
