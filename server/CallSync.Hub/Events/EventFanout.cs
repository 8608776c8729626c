using System.Collections.Concurrent;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Events;

/// <summary>
/// Reads the shared event log and hands each new event to the open streams allowed to see it. An event appended on
/// this instance wakes the loop at once; events from other instances arrive within <see cref="PollInterval"/>.
/// PostgreSQL may commit identity values out of order, so every read looks back <see cref="LookBack"/> ids and a
/// window of delivered ids keeps each event from being sent twice.
/// </summary>
internal sealed class EventFanout(EventStore store, BindingStore bindings, TimeProvider timeProvider, ILogger<EventFanout> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long events stay in the log for streams that reconnect with <c>Last-Event-ID</c>.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    private const int LookBack = 64;
    private const int BatchSize = 500;
    private const int RememberedIds = 4096;
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<EventSubscription, byte> _subscribers = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly HashSet<long> _delivered = [];
    private readonly Queue<long> _deliveredOrder = new();

    /// <summary>Open streams on this instance.</summary>
    public int SubscriberCount => _subscribers.Count;

    /// <summary>Asks the loop to read the log now (an event was just appended here).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // already signalled
        }
    }

    public async Task<EventSubscription> SubscribeAsync(AccessToken caller, CancellationToken cancellationToken)
    {
        var subscription = new EventSubscription(caller);
        await subscription.RefreshAsync(bindings, cancellationToken).ConfigureAwait(false);
        _subscribers[subscription] = 0;
        return subscription;
    }

    public void Unsubscribe(EventSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        _subscribers.TryRemove(subscription, out _);
        subscription.Close();
    }

    /// <summary>
    /// Ends this instance's open streams of <paramref name="userId"/> (disabled, or given another role): the app
    /// reconnects and is checked anew. Streams on other instances end at their next heartbeat, when each stream
    /// checks its user again (<see cref="Api.EventStreamResult"/>).
    /// </summary>
    public void EndStreamsOf(string userId)
    {
        foreach (var subscription in _subscribers.Keys.Where(s => string.Equals(s.UserId, userId, StringComparison.Ordinal)))
        {
            Unsubscribe(subscription);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long last = -1;
        var nextCleanup = timeProvider.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (last < 0)
                {
                    // Events from before this start are history, reachable only through Last-Event-ID.
                    var start = await store.LastIdAsync(stoppingToken).ConfigureAwait(false);
                    foreach (var old in await store.ReadAfterAsync(Math.Max(0, start - LookBack), BatchSize, stoppingToken).ConfigureAwait(false))
                    {
                        Remember(old.Id);
                    }

                    last = start;
                }

                last = await DeliverAsync(last, stoppingToken).ConfigureAwait(false);
                if (timeProvider.GetUtcNow() >= nextCleanup)
                {
                    await store.DeleteBeforeAsync(timeProvider.GetUtcNow() - Keep, stoppingToken).ConfigureAwait(false);
                    nextCleanup = timeProvider.GetUtcNow() + CleanupInterval;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (System.Data.Common.DbException ex)
            {
                Log.EventFanoutFailed(logger, ex);
            }

            try
            {
                await Task.WhenAny(_wake.WaitAsync(stoppingToken), Task.Delay(PollInterval, timeProvider, stoppingToken)).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }

        foreach (var subscription in _subscribers.Keys)
        {
            Unsubscribe(subscription);
        }
    }

    private async Task<long> DeliverAsync(long last, CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = await store.ReadAfterAsync(Math.Max(0, last - LookBack), BatchSize, cancellationToken).ConfigureAwait(false);
            var fresh = 0;
            foreach (var e in events)
            {
                last = Math.Max(last, e.Id);
                if (!Remember(e.Id))
                {
                    continue;
                }

                fresh++;
                await DispatchAsync(e, cancellationToken).ConfigureAwait(false);
            }

            if (events.Count < BatchSize || fresh == 0)
            {
                return last;
            }
        }
    }

    private async Task DispatchAsync(HubEvent e, CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscribers.Keys)
        {
            if (e.Kind == EventKinds.Binding && string.Equals(e.UserId, subscription.UserId, StringComparison.Ordinal))
            {
                // The binding changed what this user may see: reload before this and later events are filtered.
                await subscription.RefreshAsync(bindings, cancellationToken).ConfigureAwait(false);
            }

            if (subscription.CanSee(e))
            {
                subscription.Offer(e);
            }
        }
    }

    private bool Remember(long id)
    {
        if (!_delivered.Add(id))
        {
            return false;
        }

        _deliveredOrder.Enqueue(id);
        if (_deliveredOrder.Count > RememberedIds)
        {
            _delivered.Remove(_deliveredOrder.Dequeue());
        }

        return true;
    }
}
