namespace CallSync.Records;

/// <summary>One committed, not yet acknowledged message of the MQTT outbox.</summary>
/// <param name="Sequence">Monotonic position; publication order.</param>
/// <param name="RecordId">The record's id (unique in the outbox).</param>
/// <param name="Topic">Destination topic.</param>
/// <param name="Payload">UTF-8 JSON payload.</param>
/// <param name="EnqueuedAt">When it was committed.</param>
public sealed record OutboxEntry(long Sequence, Guid RecordId, string Topic, byte[] Payload, DateTimeOffset EnqueuedAt);
