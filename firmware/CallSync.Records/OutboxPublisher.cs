using Microsoft.Extensions.Logging;

namespace CallSync.Records;

/// <summary>
/// Drains the <see cref="RecordOutbox"/> through an <see cref="IRecordTransport"/> in sequence order: up to
/// <see cref="OutboxOptions.MaxInFlight"/> publishes are sent, in order, on the one connection (which delivers them
/// in order) and their PUBACKs are taken oldest first. A failure stops the window: once the rest has settled,
/// publishing starts again at the failed record, so every record first reaches the broker after all earlier ones
/// (later ones of that window may arrive twice). Acknowledged rows are deleted in batches; after a crash the
/// unacknowledged tail and any acknowledged-but-not-yet-deleted rows are published again (at-least-once,
/// duplicates identical). Failures back off exponentially with jitter; <see cref="Wake"/> (on reconnect) retries
/// at once.
/// </summary>
public sealed class OutboxPublisher : IAsyncDisposable
{
    private const int PeekBatch = 128;

    private readonly RecordOutbox _outbox;
    private readonly IRecordTransport _transport;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxPublisher> _logger;
    private readonly RetryBackoff _backoff;
    private readonly Lock _wakeGate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private long _published;

    /// <summary>Creates the publisher; call <see cref="Start"/> to run it.</summary>
    public OutboxPublisher(RecordOutbox outbox, IRecordTransport transport, OutboxOptions options, TimeProvider time, ILogger<OutboxPublisher> logger, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _outbox = outbox;
        _transport = transport;
        _options = options;
        _time = time;
        _logger = logger;
        _backoff = new RetryBackoff(options.RetryInitialDelay, options.RetryMaxDelay, random);
    }

    /// <summary>Records acknowledged by the broker since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Raised after each PUBACK with the entry (for metrics and tests); keep handlers short.</summary>
    public event Action<OutboxEntry>? Acknowledged;

    /// <summary>Starts the drain loop.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Interrupts a back-off wait and retries now (call when the transport reconnects).</summary>
    public void Wake()
    {
        lock (_wakeGate)
        {
            TaskCompletionSource fired = _wake;
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            fired.TrySetResult();
        }
    }

    /// <summary>Stops the loop and deletes rows already acknowledged.</summary>
    public async ValueTask DisposeAsync()
    {
        CancellationTokenSource? stop = Interlocked.Exchange(ref _stop, null);
        if (stop is not null && _loop is not null)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected on stop.
            }

            stop.Dispose();
        }
    }

    private Task WakeSignal
    {
        get
        {
            lock (_wakeGate)
            {
                return _wake.Task;
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        int window = Math.Max(1, _options.MaxInFlight);
        var inFlight = new Queue<(OutboxEntry Entry, Task<bool> Acknowledged)>(window);
        var ready = new Queue<OutboxEntry>(PeekBatch);
        long lastRead = 0;
        long lastAcked = 0;
        long deletedThrough = 0;
        int pendingDeletes = 0;
        long firstPendingAckAt = 0;
        int attempt = 0;

        void FlushDeletes()
        {
            if (lastAcked > deletedThrough)
            {
                _outbox.RemoveThrough(lastAcked);
                deletedThrough = lastAcked;
                pendingDeletes = 0;
            }
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Task enqueued = _outbox.EnqueueSignal;
                Task wake = WakeSignal;
                if (ready.Count == 0 && inFlight.Count < window)
                {
                    foreach (OutboxEntry entry in _outbox.Peek(lastRead, PeekBatch))
                    {
                        ready.Enqueue(entry);
                        lastRead = entry.Sequence;
                    }
                }

                // Started synchronously one after the other, so they go out on the connection in this order.
                while (inFlight.Count < window && ready.TryDequeue(out OutboxEntry? next))
                {
                    inFlight.Enqueue((next, PublishAsync(next, cancellationToken)));
                }

                if (inFlight.Count == 0)
                {
                    FlushDeletes();
                    await Task.WhenAny(enqueued, wake).WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                (OutboxEntry oldest, Task<bool> acknowledged) = inFlight.Dequeue();
                if (await acknowledged.ConfigureAwait(false))
                {
                    attempt = 0;
                    lastAcked = oldest.Sequence;
                    Interlocked.Increment(ref _published);
                    if (pendingDeletes++ == 0)
                    {
                        firstPendingAckAt = _time.GetTimestamp();
                    }

                    Acknowledged?.Invoke(oldest);
                    if (pendingDeletes >= _options.DeleteBatchSize || _time.GetElapsedTime(firstPendingAckAt) >= _options.DeleteMaxDelay
                        || (inFlight.Count == 0 && ready.Count == 0))
                    {
                        FlushDeletes();
                    }

                    continue;
                }

                // Let the rest of the window settle (acknowledged or not, it is all sent again), then back off.
                while (inFlight.TryDequeue(out var rest))
                {
                    await rest.Acknowledged.ConfigureAwait(false);
                }

                ready.Clear();
                lastRead = lastAcked;
                TimeSpan delay = _backoff.Next(attempt);
                Log.PublishRetry(_logger, oldest.RecordId, attempt + 1, delay);
                attempt++;
                FlushDeletes();
                await Task.WhenAny(Task.Delay(delay, _time, cancellationToken), wake).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (wake.IsCompleted)
                {
                    attempt = 0;
                }
            }
        }
        finally
        {
            FlushDeletes();
        }
    }

    /// <summary>Publishes one record; false on any failure but cancellation (never throws otherwise).</summary>
    private async Task<bool> PublishAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.PublishAsync(entry.Topic, entry.Payload, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A transport bug must not stop the drain loop; it is logged and retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PublishThrew(_logger, ex, entry.RecordId);
            return false;
        }
    }
}
