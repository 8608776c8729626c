using MQTTnet;

namespace CallSync.Mqtt;

/// <summary>How an <see cref="MqttSession"/> connects: identity, session lifetime, timing and TLS trust.</summary>
public sealed record MqttSessionOptions
{
    /// <summary>The client id. Brokers that bind it to the user name (docs/security.md) require it to equal the user name.</summary>
    public required string ClientId { get; init; }

    /// <summary>MQTT keep-alive.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps the session (subscriptions, queued QoS 1 messages) while the client is away.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Limit for connecting and for one publish round trip.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT 5 receive maximum (QoS 1 messages in flight to this client); 0 for the protocol default.</summary>
    public ushort ReceiveMaximum { get; init; }

    /// <summary>First reconnect delay (exponential back-off with jitter).</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>PEM file of CA certificates trusted for the broker (mqtts); null for the system store.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>PEM client certificate for mutual TLS (mqtts); null for none.</summary>
    public string? ClientCertificatePath { get; init; }

    /// <summary>PEM private key of <see cref="ClientCertificatePath"/>; null when it is in the certificate file.</summary>
    public string? ClientKeyPath { get; init; }

    /// <summary>Builds the Last Will for each connect (its payload may carry the time); null for none.</summary>
    public Func<MqttApplicationMessage>? Will { get; init; }
}
