namespace CallSync.Agent.Configuration;

/// <summary>
/// The link to the hub's broker as configured by hand (section Mqtt); an enrolled phone takes the broker, user name and
/// password from its stored credentials instead (they win), and this supplies only timing, the outbox limit and TLS trust.
/// </summary>
internal sealed record MqttOptions
{
    /// <summary>Mqtt:Url, mqtt:// or mqtts://; null when the phone is (to be) enrolled.</summary>
    public Uri? Url { get; init; }

    /// <summary>Mqtt:Username.</summary>
    public string? Username { get; init; }

    /// <summary>Mqtt:Password; never logged.</summary>
    public string? Password { get; init; }

    /// <summary>Mqtt:ClientCertificate, a PEM file (needs mqtts:// and <see cref="ClientKey"/>).</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>Mqtt:ClientKey, the certificate's PEM private key.</summary>
    public string? ClientKey { get; init; }

    /// <summary>Mqtt:CaCertificate, a PEM CA for the broker's certificate, or null for the system store.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>Mqtt:KeepAlive.</summary>
    public required TimeSpan KeepAlive { get; init; }

    /// <summary>Mqtt:OutboxLimit, records the outbox holds before refusing new ones.</summary>
    public required int OutboxLimit { get; init; }
}
