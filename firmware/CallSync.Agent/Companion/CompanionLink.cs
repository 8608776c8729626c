using CallSync.Companion.Server;
using CallSync.Hal.Linux.Bluetooth.BlueZ;

namespace CallSync.Agent.Companion;

/// <summary>
/// The companion link as the composition root built it: the server on the transports that opened, the BlueZ
/// publisher when a Bluetooth transport opened, and the phone's companion identity. <see cref="CompanionService"/>
/// starts and stops it; disposing twice (the service, then the container) is harmless.
/// </summary>
internal sealed class CompanionLink : IAsyncDisposable
{
    private readonly IReadOnlyList<CompanionListener> _listeners;
    private readonly IDisposable? _identity;
    private int _disposed;

    /// <summary>A link that serves: <paramref name="server"/> accepts on <paramref name="listeners"/>.</summary>
    public CompanionLink(CompanionServer server, IReadOnlyList<CompanionListener> listeners, BlueZPublisher? publisher, IDisposable identity)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(listeners);
        ArgumentNullException.ThrowIfNull(identity);
        Server = server;
        _listeners = listeners;
        Publisher = publisher;
        _identity = identity;
        State = "listening";
    }

    private CompanionLink(string state)
    {
        _listeners = [];
        State = state;
    }

    /// <summary>No Companion:Listen: no link.</summary>
    public static CompanionLink NotConfigured { get; } = new("not configured (Companion:Listen)");

    /// <summary>The server, or null when the link does not serve.</summary>
    public CompanionServer? Server { get; }

    /// <summary>Registers the Bluetooth transports with bluetoothd, or null when none opened.</summary>
    public BlueZPublisher? Publisher { get; }

    /// <summary>Why the link does not serve, or "listening".</summary>
    public string State { get; }

    /// <summary>Configured, but no transport could be opened (<paramref name="reason"/> names the entries).</summary>
    public static CompanionLink NotServing(string reason) => new($"not serving: {reason}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Publisher is not null)
        {
            await Publisher.DisposeAsync().ConfigureAwait(false);
        }

        if (Server is not null)
        {
            await Server.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var listener in _listeners)
        {
            await listener.Transport.DisposeAsync().ConfigureAwait(false);
        }

        _identity?.Dispose();
    }
}
