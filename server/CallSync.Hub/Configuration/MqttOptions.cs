namespace CallSync.Hub.Configuration;

/// <summary>The MQTT link to the desk phones and the apps.</summary>
internal sealed class MqttOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 1883;

    /// <summary>
    /// The hub's MQTT user name, also its client id (brokers bind the two, docs/security.md): unique per hub instance
    /// and stable across restarts (persistent session). It is a broker identity like a device id, so no device may
    /// have it.
    /// </summary>
    public string Username { get; init; } = "hub";

    /// <summary>The hub's broker password; null: generated once into the data directory (<c>broker-password</c>).</summary>
    public string? Password { get; init; }

    /// <summary>MQTT 5 shared-subscription group; empty subscribes without <c>$share</c> (single instance).</summary>
    public string SharedGroup { get; init; } = "callsync-hub";

    /// <summary>Seconds the broker keeps the session (and queued QoS 1 records) while the hub is away.</summary>
    public int SessionExpirySeconds { get; init; } = 3600;

    /// <summary>MQTT 5 receive maximum: QoS 1 records in flight to this instance (the ingest batch bound).</summary>
    public int ReceiveMaximum { get; init; } = 1000;

    /// <summary>
    /// Runs the MQTT broker inside the hub on <see cref="EmbeddedPort"/> (the default: a small office needs nothing
    /// installed); false connects to an external broker at <see cref="Host"/>:<see cref="Port"/>.
    /// </summary>
    public bool Embedded { get; init; } = true;

    public int EmbeddedPort { get; init; } = 1883;

    /// <summary>Address the embedded broker binds; loopback unless phones connect from elsewhere.</summary>
    public string EmbeddedAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// When set, the hub keeps mosquitto's password file, ACL file and settings in this directory current (at start and
    /// whenever a device enrolls or is revoked, or a user signs in); null: only <c>callsync-hub mosquitto-config</c> writes them.
    /// </summary>
    public string? MosquittoConfigDir { get; init; }
}
