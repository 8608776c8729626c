namespace CallSync.Records;

/// <summary>
/// Sends command replies through the durable outbox, behind the records committed before them: a reply survives a
/// broker outage, a crash and a reboot like a record does, and a <c>succeeded</c> reply never reaches the hub
/// before the record it names. Only when the outbox is full does a reply go straight to <paramref name="direct"/>.
/// </summary>
public sealed class DurableReplyTransport(RecordOutbox outbox, IRecordTransport direct) : IRecordTransport
{
    /// <inheritdoc />
    public bool IsConnected => direct.IsConnected;

    /// <summary>True once the reply is committed (or, with the outbox full, acknowledged by the broker).</summary>
    public Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(direct);

        // The outbox keys rows by record id for de-duplication; a reply has none, so it gets an id of its own.
        return outbox.Enqueue(Guid.NewGuid(), topic, payload.Span) == EnqueueOutcome.Enqueued
            ? Task.FromResult(true)
            : direct.PublishAsync(topic, payload, cancellationToken);
    }
}
