namespace CallSync.Records;

/// <summary>
/// Options of the MQTT outbox and its publisher. Not a configuration section: the agent sets <see cref="MaxRows"/>
/// from Mqtt:OutboxLimit; the other members keep their defaults (docs/call-record.md).
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>Most records the outbox holds; at this size new records are refused. Default 10,000 (the agent: Mqtt:OutboxLimit, 100,000).</summary>
    public int MaxRows { get; set; } = 10_000;

    /// <summary>Fill level at which a warning is logged (once per crossing). Default 0.8.</summary>
    public double AlertFraction { get; set; } = 0.8;

    /// <summary>First retry delay after a failed publish. Default 1 s.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest retry delay. Default 60 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Publishes sent before the oldest one's PUBACK is awaited (an ordered window on the one connection). Default 16,
    /// below the in-flight limit brokers commonly grant (mosquitto: 20). 1 = strictly one at a time.
    /// </summary>
    public int MaxInFlight { get; set; } = 16;

    /// <summary>Acknowledged rows are deleted in batches of up to this many (one transaction). Default 64.</summary>
    public int DeleteBatchSize { get; set; } = 64;

    /// <summary>Acknowledged rows are deleted at the latest this long after their PUBACK. Default 200 ms.</summary>
    public TimeSpan DeleteMaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
