namespace CallSync.Records;

/// <summary>Result of adding a record to the MQTT outbox.</summary>
public enum EnqueueOutcome
{
    /// <summary>Committed; it will be published.</summary>
    Enqueued,

    /// <summary>A record with this id is already waiting; nothing changed (idempotent retry).</summary>
    AlreadyQueued,

    /// <summary>The outbox holds <see cref="OutboxOptions.MaxRows"/> records; nothing was written (see docs/call-record.md, "Outbox").</summary>
    Full,
}
