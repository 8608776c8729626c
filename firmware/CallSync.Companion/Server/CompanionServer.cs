using System.Collections.Concurrent;
using CallSync.Companion.Security;
using CallSync.Configuration.Logging;
using CallSync.Hal;
using Microsoft.Extensions.Logging;

namespace CallSync.Companion.Server;

/// <summary>
/// The phone side of the companion link: accepts connections on one or more transports (RFCOMM and the LE L2CAP
/// channel on the board, TCP in simulation), runs one session per connection, several at once, and delivers
/// recordings, dial requests and call events. A companion that reconnects over another transport takes its session
/// over. Bad input closes only the offending connection, with a logged reason.
/// </summary>
public sealed partial class CompanionServer : IAsyncDisposable
{
    private readonly IReadOnlyList<CompanionListener> _listeners;
    private readonly ConcurrentDictionary<long, CompanionSession> _sessions = new();
    private readonly ConcurrentDictionary<string, long> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _nextConnection;

    /// <summary>Creates the server on one transport with <see cref="CompanionServerOptions.ChunkSize"/>; call <see cref="RunAsync"/> to serve.</summary>
    public CompanionServer(
        ICompanionTransport transport,
        CompanionIdentity identity,
        CompanionKeyStore keys,
        ICompanionOutbox outbox,
        ICompanionDialer dialer,
        IPairingConfirmer confirmer,
        CompanionServerOptions options,
        TimeProvider timeProvider,
        ILogger<CompanionServer> logger)
        : this([new CompanionListener(transport, options?.ChunkSize ?? CompanionServerOptions.DefaultChunkSize)], identity, keys, outbox, dialer, confirmer, options!, timeProvider, logger)
    {
    }

    /// <summary>Creates the server on every listener; call <see cref="RunAsync"/> to serve.</summary>
    public CompanionServer(
        IReadOnlyList<CompanionListener> listeners,
        CompanionIdentity identity,
        CompanionKeyStore keys,
        ICompanionOutbox outbox,
        ICompanionDialer dialer,
        IPairingConfirmer confirmer,
        CompanionServerOptions options,
        TimeProvider timeProvider,
        ILogger<CompanionServer> logger)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        if (listeners.Count == 0 || listeners.Any(l => l?.Transport is null || l.ChunkSize is < 256 or > CompanionServerOptions.MaxChunkSize))
        {
            throw new ArgumentException("at least one listener, each with a transport and a chunk size of 256 bytes to 512 KiB", nameof(listeners));
        }

        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(dialer);
        ArgumentNullException.ThrowIfNull(confirmer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSessions, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxUnauthenticated, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxUnauthenticatedPerSource, 1, nameof(options));
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _listeners = listeners;
        Identity = identity;
        Keys = keys;
        Outbox = outbox;
        Dialer = dialer;
        Confirmer = confirmer;
        Options = options;
        Time = timeProvider;
        Logger = logger;
        _outsiderLines = new LogFloodGate(timeProvider, burst: 1, options.RefusalLogInterval);
        Dialer.CallEvent += OnCallEvent;
    }

    /// <summary>Sessions currently open (authenticated or not).</summary>
    public int ActiveSessions => _sessions.Count;

    /// <summary>Sessions currently open that authenticated.</summary>
    public int AuthenticatedSessions => _sessions.Values.Count(s => s.HoldsAuthenticatedSlot);

    /// <summary>What the server listens on, one entry per transport (e.g. "tcp:127.0.0.1:7301", "ble:0x81").</summary>
    public IReadOnlyList<string> Endpoints => [.. _listeners.Select(l => l.Transport.Endpoint)];

    internal CompanionIdentity Identity { get; }

    internal CompanionKeyStore Keys { get; }

    internal ICompanionOutbox Outbox { get; }

    internal ICompanionDialer Dialer { get; }

    internal IPairingConfirmer Confirmer { get; }

    internal CompanionServerOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>Accepts connections on every listener until <paramref name="cancellationToken"/> is cancelled, then closes every session.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        try
        {
            await Task.WhenAll(_listeners.Select(listener => AcceptLoopAsync(listener, linked.Token))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var session in _sessions.Values)
            {
                session.Stop();
            }

            foreach (var session in _sessions.Values)
            {
                await session.Completion.ConfigureAwait(false);
            }
        }
    }

    /// <summary>A call ended and its recording is final: offer it now to connected companions that receive recordings.</summary>
    public void NotifyRecordingReady(string recordId)
    {
        foreach (var session in _sessions.Values)
        {
            session.SignalRecordings();
        }
    }

    /// <summary>Paired companions (for the technician CLI).</summary>
    public IReadOnlyList<PairedCompanion> ListCompanions() => Keys.List();

    /// <summary>Removes a pairing on the phone's side and closes that companion's open sessions.</summary>
    public async ValueTask<bool> UnpairAsync(string companionId, CancellationToken cancellationToken)
    {
        bool removed = Keys.Remove(companionId);
        foreach (var session in _sessions.Values)
        {
            if (session.CompanionId == companionId)
            {
                await session.CloseUnpairedAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (removed)
        {
            Log.Unpaired(Logger, companionId, "desk phone");
        }

        return removed;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Dialer.CallEvent -= OnCallEvent;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var session in _sessions.Values)
        {
            session.Stop();
            await session.Completion.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>Claims a recording for one session so two companions never receive it at once.</summary>
    internal bool TryClaim(string recordId, long connection) => _inFlight.TryAdd(recordId, connection);

    internal void Release(string recordId) => _inFlight.TryRemove(recordId, out _);

    /// <summary>
    /// A companion that authenticates again has lost its old link (e.g. a Bluetooth drop the phone has not noticed):
    /// close the older sessions so their recordings are released and resumed on the new one.
    /// </summary>
    internal async Task SupersedeAsync(CompanionSession current, CancellationToken cancellationToken)
    {
        foreach (var session in _sessions.Values)
        {
            if (!ReferenceEquals(session, current) && session.CompanionId == current.CompanionId)
            {
                Log.Superseded(Logger, session.Connection, current.Connection, current.CompanionId!);
                session.Stop();
                await session.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AcceptLoopAsync(CompanionListener listener, CancellationToken token)
    {
        var transport = listener.Transport;
        Log.Listening(Logger, transport.Endpoint);
        while (!token.IsCancellationRequested)
        {
            Stream stream;
            try
            {
                stream = await transport.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                Log.AcceptFailed(Logger, transport.Endpoint, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), Time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            long id = Interlocked.Increment(ref _nextConnection);
            var session = new CompanionSession(this, id, SourceOf(stream, transport.Endpoint), stream, listener.ChunkSize, token);
            Admit(session);
            Log.Accepted(Logger, id, transport.Endpoint);
            _ = RunSessionAsync(session);
        }

        Log.Stopped(Logger, transport.Endpoint);
    }

    private async Task RunSessionAsync(CompanionSession session)
    {
        try
        {
            await session.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _sessions.TryRemove(session.Connection, out _);
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnCallEvent(object? sender, CompanionCallEventArgs e)
    {
        foreach (var session in _sessions.Values)
        {
            session.EnqueueCallEvent(e);
        }
    }
}
