namespace CallSync.Records;

/// <summary>The narrow seam the outbox publisher sends through (the MQTT link implements it).</summary>
public interface IRecordTransport
{
    /// <summary>True while a broker session is up.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Publishes at QoS 1 and returns true only after the broker's successful PUBACK. Returns false (does not
    /// throw) when disconnected, on a failure reason code or on a broken connection.
    /// </summary>
    Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
