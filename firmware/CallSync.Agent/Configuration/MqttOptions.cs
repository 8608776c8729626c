namespace CallSync.Agent.Configuration;

/// <summary>
/// The link to the hub's broker as configured by hand; an enrolled phone takes the broker, user name and password from
/// its stored credentials instead (they win), and this supplies only timing and TLS trust.
/// </summary>
public sealed record MqttOptions(
    Uri? Url,
    string? Username,
    string? Password,
    string? ClientCertificate,
    string? ClientKey,
    string? CaCertificate,
    TimeSpan KeepAlive,
    int OutboxLimit);
