using System.Threading.Channels;
using CallSync.Hub.Security;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Events;

/// <summary>
/// One open event stream: who it is for, which phones that user is actively bound to (reloaded when one of their
/// bindings changes), and a bounded queue. A client too slow to drain it is cut off rather than buffered without
/// end; it reconnects with <c>Last-Event-ID</c> and gets what it missed from the log.
/// </summary>
internal sealed class EventSubscription
{
    public const int QueueLength = 512;

    private readonly Channel<HubEvent> _queue = Channel.CreateBounded<HubEvent>(
        new BoundedChannelOptions(QueueLength) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private volatile HashSet<string> _devices = new(StringComparer.Ordinal);

    public EventSubscription(AccessToken caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        UserId = caller.UserId;
        IsAdmin = caller.IsAdmin;
    }

    public string UserId { get; }

    public bool IsAdmin { get; }

    /// <summary>True once the queue overflowed and the stream was ended.</summary>
    public bool Overflowed { get; private set; }

    public ChannelReader<HubEvent> Reader => _queue.Reader;

    /// <summary>Dials are their requester's alone; other events naming a user are that user's (and admins'); the rest follow the phone.</summary>
    public bool CanSee(HubEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind == EventKinds.Dial)
        {
            return string.Equals(e.UserId, UserId, StringComparison.Ordinal);
        }

        if (e.UserId is not null)
        {
            return IsAdmin || string.Equals(e.UserId, UserId, StringComparison.Ordinal);
        }

        return IsAdmin || (e.DeviceId is not null && _devices.Contains(e.DeviceId));
    }

    /// <summary>Reloads the phones this user is actively bound to (admins see every phone anyway).</summary>
    public async Task RefreshAsync(BindingStore bindings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        if (IsAdmin)
        {
            return;
        }

        var list = await bindings.ListForUserAsync(UserId, cancellationToken).ConfigureAwait(false);
        _devices = list.Where(b => b.Status == BindingStatus.Active).Select(b => b.DeviceId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Queues an event; on overflow the stream is ended.</summary>
    public void Offer(HubEvent e)
    {
        if (!_queue.Writer.TryWrite(e))
        {
            Overflowed = true;
            _queue.Writer.TryComplete();
        }
    }

    public void Close() => _queue.Writer.TryComplete();
}
