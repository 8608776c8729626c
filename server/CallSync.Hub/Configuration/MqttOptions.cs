namespace CallSync.Hub.Configuration;

/// <summary>The MQTT link to the desk phones and the apps.</summary>
internal sealed class MqttOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    /// <summary>Client id; must be unique per hub instance and stable across restarts (persistent session).</summary>
    public string ClientId { get; init; } = "callsync-hub-" + Environment.MachineName;

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>MQTT 5 shared-subscription group; empty subscribes without <c>$share</c> (single instance).</summary>
    public string SharedGroup { get; init; } = "callsync-hub";

    /// <summary>Seconds the broker keeps the session (and queued QoS 1 records) while the hub is away.</summary>
    public int SessionExpirySeconds { get; init; } = 3600;

    /// <summary>MQTT 5 receive maximum: QoS 1 records in flight to this instance (the ingest batch bound).</summary>
    public int ReceiveMaximum { get; init; } = 1000;

    /// <summary>Runs an MQTT broker inside the hub on <see cref="EmbeddedPort"/>, for a local setup with nothing installed.</summary>
    public bool Embedded { get; init; }

    public int EmbeddedPort { get; init; } = 1883;

    /// <summary>Address the embedded broker binds; loopback unless phones connect from elsewhere.</summary>
    public string EmbeddedAddress { get; init; } = "127.0.0.1";
}
