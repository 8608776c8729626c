namespace CallSync.Hub.Messaging;

/// <summary>
/// The hub's way out to MQTT, whichever broker it uses: the embedded one (messages are injected, as identity
/// <c>Mqtt:Username</c>) or an external one (the hub's own client session).
/// </summary>
internal interface IHubBroker
{
    /// <summary>True when a publish can go out now.</summary>
    bool IsConnected { get; }

    /// <summary>Publishes at QoS 1; true once the broker has taken it.</summary>
    Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken);

    /// <summary>Drops the session of <paramref name="username"/> if this broker holds it (a revoked phone); external brokers re-check at the next connect.</summary>
    Task DisconnectAsync(string username, CancellationToken cancellationToken);
}
