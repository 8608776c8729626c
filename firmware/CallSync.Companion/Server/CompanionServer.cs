using System.Collections.Concurrent;
using CallSync.Companion.Security;
using CallSync.Hal;
using Microsoft.Extensions.Logging;

namespace CallSync.Companion.Server;

/// <summary>
/// The phone side of the companion link: accepts connections on an <see cref="ICompanionTransport"/> (RFCOMM on
/// the board, TCP in simulation), runs one session per connection, several at once, and delivers recordings,
/// dial requests and call events. Bad input closes only the offending connection, with a logged reason.
/// </summary>
public sealed class CompanionServer : IAsyncDisposable
{
    private readonly ICompanionTransport _transport;
    private readonly ConcurrentDictionary<long, CompanionSession> _sessions = new();
    private readonly ConcurrentDictionary<string, long> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _nextConnection;

    /// <summary>Creates the server; call <see cref="RunAsync"/> to serve.</summary>
    public CompanionServer(
        ICompanionTransport transport,
        DeviceIdentity identity,
        CompanionKeyStore keys,
        ICompanionOutbox outbox,
        ICompanionDialer dialer,
        IPairingConfirmer confirmer,
        CompanionServerOptions options,
        TimeProvider timeProvider,
        ILogger<CompanionServer> logger)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(dialer);
        ArgumentNullException.ThrowIfNull(confirmer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _transport = transport;
        Identity = identity;
        Keys = keys;
        Outbox = outbox;
        Dialer = dialer;
        Confirmer = confirmer;
        Options = options;
        Time = timeProvider;
        Logger = logger;
        Dialer.CallEvent += OnCallEvent;
    }

    /// <summary>Sessions currently open (authenticated or not).</summary>
    public int ActiveSessions => _sessions.Count;

    internal DeviceIdentity Identity { get; }

    internal CompanionKeyStore Keys { get; }

    internal ICompanionOutbox Outbox { get; }

    internal ICompanionDialer Dialer { get; }

    internal IPairingConfirmer Confirmer { get; }

    internal CompanionServerOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>Accepts connections until <paramref name="cancellationToken"/> is cancelled, then closes every session.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var token = linked.Token;
        Log.Listening(Logger, _transport.Endpoint);
        try
        {
            while (!token.IsCancellationRequested)
            {
                Stream stream;
                try
                {
                    stream = await _transport.AcceptAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
                {
                    Log.AcceptFailed(Logger, _transport.Endpoint, ex);
                    await Task.Delay(TimeSpan.FromSeconds(1), Time, token).ConfigureAwait(false);
                    continue;
                }

                long id = Interlocked.Increment(ref _nextConnection);
                if (_sessions.Count >= Options.MaxSessions)
                {
                    Log.TooManySessions(Logger, id, _sessions.Count);
                    await stream.DisposeAsync().ConfigureAwait(false);
                    continue;
                }

                var session = new CompanionSession(this, id, stream, token);
                _sessions[id] = session;
                Log.Accepted(Logger, id);
                _ = RunSessionAsync(session);
            }
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

            Log.Stopped(Logger, _transport.Endpoint);
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
