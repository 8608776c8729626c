using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CallSync.Sip.Syntax;
using Microsoft.Extensions.Logging;

namespace CallSync.Sip.Transport;

/// <summary>
/// The connection-oriented transports (TCP, and TLS over it): a listener plus the connections it accepted or opened,
/// keyed by remote endpoint so a response or a later request reuses the connection (RFC 3261 section 18.3; RFC 5626
/// flows), each framed by the codec's resumable <see cref="SipStreamDecoder"/>. A connection this side opened is kept
/// alive with a double-CRLF ping answered by a single-CRLF pong (RFC 5626 section 4.4.1); when it closes for any reason
/// other than shutdown, its flow is reported closed so the registration over it is refreshed at once.
/// </summary>
public abstract class SipStreamChannel : SipChannel
{
    /// <summary>RFC 5626 section 4.4.1: without a pong within 10 s the flow has failed.</summary>
    public static readonly TimeSpan PongTimeout = TimeSpan.FromSeconds(10);

    // Accepted and opened connections at once; more are refused (a flood of idle connections must not exhaust the phone).
    private const int MaxConnections = 256;

    private static readonly byte[] Ping = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly Socket? _listener;
    private readonly TimeSpan _keepAlive;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPEndPoint, SipStreamConnection> _connections = new();
    private readonly ConcurrentDictionary<IPEndPoint, Lazy<Task<SipStreamConnection>>> _opening = new();
    private Task? _acceptLoop;

    /// <summary>Binds and listens at once when <paramref name="bind"/> is given, so <see cref="LocalEndPoint"/> holds the real port.</summary>
    private protected SipStreamChannel(IPEndPoint? bind, TimeSpan keepAliveInterval, TimeProvider time, ILogger logger)
    {
        Logger = logger;
        Time = time;
        _keepAlive = keepAliveInterval;
        if (bind is null)
        {
            LocalEndPoint = new IPEndPoint(IPAddress.Any, 0);
            return;
        }

        _listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(bind);
            _listener.Listen(64);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <inheritdoc />
    public override IPEndPoint LocalEndPoint { get; }

    /// <summary>False for a channel that only opens connections (TLS without a <c>tls:</c> listen entry).</summary>
    public bool IsListening => _listener is not null;

    /// <summary>Open connections (for tests and diagnostics).</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>A flow this side opened closed (the peer closed it, or no pong came): its target and why.</summary>
    internal Action<SipTarget, string>? FlowClosed { get; set; }

    private protected ILogger Logger { get; }

    private protected TimeProvider Time { get; }

    /// <inheritdoc />
    public override void Start()
    {
        if (_listener is not null)
        {
            _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token));
        }
    }

    /// <inheritdoc />
    public override async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, SipTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = await ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        await connection.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The local end of the open connection to <paramref name="remote"/>, or null.</summary>
    internal IPEndPoint? LocalEndPointTo(IPEndPoint remote) => _connections.TryGetValue(remote, out var c) ? c.Local : null;

    /// <summary>
    /// The connection to <paramref name="target"/>: the open one, or a new one (one attempt at a time per endpoint).
    /// </summary>
    /// <exception cref="SipFlowException">It cannot be opened; the message says why in one line.</exception>
    internal async Task<SipStreamConnection> ConnectAsync(SipTarget target, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(target.EndPoint, out var open))
        {
            return open;
        }

        var opening = _opening.GetOrAdd(target.EndPoint, _ => new Lazy<Task<SipStreamConnection>>(() => OpenAsync(target)));
        try
        {
            return await opening.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (opening.Value.IsCompleted)
            {
                _opening.TryRemove(new KeyValuePair<IPEndPoint, Lazy<Task<SipStreamConnection>>>(target.EndPoint, opening));
            }
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        foreach (var c in _connections.Values)
        {
            c.Close("shutting down");
        }

        var loops = _connections.Values.Select(c => c.ReadLoop).OfType<Task>().ToList();
        if (_acceptLoop is not null)
        {
            loops.Add(_acceptLoop);
        }

        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
        }

        foreach (var c in _connections.Values)
        {
            c.SendLock.Dispose();
        }

        _connections.Clear();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The stream of a connection this side opened (TLS: after the handshake and the certificate check).</summary>
    /// <exception cref="SipFlowException">The peer was refused.</exception>
    private protected abstract Task<Stream> OpenClientStreamAsync(NetworkStream network, SipTarget target, CancellationToken cancellationToken);

    /// <summary>The stream of an accepted connection (TLS: after the handshake), or null to drop it.</summary>
    private protected abstract Task<Stream?> OpenServerStreamAsync(NetworkStream network, IPEndPoint remote, CancellationToken cancellationToken);

    private async Task<SipStreamConnection> OpenAsync(SipTarget target)
    {
        if (_connections.Count >= MaxConnections)
        {
            throw new SipFlowException($"{target.ViaTransport} to {target.EndPoint} not opened: {MaxConnections} connections open");
        }

        var socket = new Socket(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(ConnectTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, timeout.Token);
        try
        {
            await socket.ConnectAsync(target.EndPoint, linked.Token).ConfigureAwait(false);
            var stream = await OpenClientStreamAsync(new NetworkStream(socket, ownsSocket: true), target, linked.Token).ConfigureAwait(false);
            var connection = new SipStreamConnection(socket, stream, target, outgoing: true);
            _connections[target.EndPoint] = connection;
            connection.ReadLoop = Task.Run(() => ReadLoopAsync(connection, _stop.Token), CancellationToken.None);
            if (_keepAlive > TimeSpan.Zero)
            {
                connection.KeepAlive = Time.CreateTimer(_ => OnKeepAliveDue(connection), null, NextKeepAlive(), Timeout.InfiniteTimeSpan);
            }

            return connection;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new SipFlowException($"{target.ViaTransport} to {target.EndPoint} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            socket.Dispose();
            throw new SipFlowException($"{target.ViaTransport} to {target.EndPoint} failed: no connection within {ConnectTimeout.TotalSeconds:0} s", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>How long a connect (and TLS handshake) may take: 10 s.</summary>
    private static TimeSpan ConnectTimeout => TimeSpan.FromSeconds(10);

    // RFC 5626 4.4.1: each ping at a random 80-100 % of the interval, so phones that started together spread out.
    private TimeSpan NextKeepAlive() => _keepAlive * (0.8 + (0.2 * Random.Shared.NextDouble()));

    private void OnKeepAliveDue(SipStreamConnection connection)
    {
        if (connection.AwaitingPong)
        {
            Log.KeepAliveFailed(Logger, connection.Remote.ToString(), (long)PongTimeout.TotalSeconds);
            connection.Close($"no keep-alive pong within {PongTimeout.TotalSeconds:0} s");
            return;
        }

        connection.AwaitingPong = true;
        connection.KeepAlive?.Change(PongTimeout, Timeout.InfiniteTimeSpan);
        _ = PingAsync(connection);
    }

    private async Task PingAsync(SipStreamConnection connection)
    {
        try
        {
            await connection.WriteAsync(Ping, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            connection.Close($"keep-alive failed: {ex.Message}");
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (_connections.Count >= MaxConnections)
            {
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        Stream? stream;
        using (var timeout = new CancellationTokenSource(ConnectTimeout, Time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                stream = await OpenServerStreamAsync(new NetworkStream(socket, ownsSocket: true), remote, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                stream = null;
            }
        }

        if (stream is null)
        {
            socket.Dispose();
            return;
        }

        var connection = new SipStreamConnection(socket, stream, new SipTarget(Transport, remote), outgoing: false);
        _connections[remote] = connection;
        connection.ReadLoop = ReadLoopAsync(connection, cancellationToken);
        await connection.ReadLoop.ConfigureAwait(false);
    }

    private async Task ReadLoopAsync(SipStreamConnection connection, CancellationToken cancellationToken)
    {
        var decoder = new SipStreamDecoder();
        var buffer = new byte[8192];
        var filled = 0;
        var source = new SipTarget(Transport, connection.Remote.EndPoint);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= SipLimits.MaxMessageBytes * 2)
                    {
                        return; // the decoder should have refused this already
                    }

                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var n = await connection.Stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                filled += n;
                var offset = TakePong(connection, buffer.AsSpan(0, filled));
                while (offset < filled)
                {
                    var status = decoder.Decode(buffer.AsSpan(offset, filled - offset), out var message, out var consumed, out var error);
                    if (status == SipDecodeStatus.NeedMoreData)
                    {
                        break;
                    }

                    offset += consumed;
                    switch (status)
                    {
                        case SipDecodeStatus.Complete:
                            Deliver(message!, source);
                            break;
                        case SipDecodeStatus.KeepAlive:
                            await connection.WriteAsync(Pong, cancellationToken).ConfigureAwait(false);
                            break;
                        case SipDecodeStatus.Invalid:
                            MalformedReceived?.Invoke(error, source);
                            break;
                        default:
                            MalformedReceived?.Invoke(error, source);
                            return; // unframeable stream: close the connection
                    }
                }

                if (offset > 0)
                {
                    buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
                    filled -= offset;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            Closed(connection);
        }
    }

    /// <summary>
    /// The single-CRLF pong to our ping (RFC 5626 4.4.1): consumed here, since two pongs in a row would look like a ping
    /// to the decoder. Returns the bytes consumed (0 or 2). Any bytes from the peer show that the flow is alive.
    /// </summary>
    private int TakePong(SipStreamConnection connection, ReadOnlySpan<byte> received)
    {
        if (!connection.AwaitingPong)
        {
            return 0;
        }

        connection.AwaitingPong = false;
        connection.KeepAlive?.Change(NextKeepAlive(), Timeout.InfiniteTimeSpan);
        return received.StartsWith(Pong) && !received.StartsWith(Ping) ? Pong.Length : 0;
    }

    private void Closed(SipStreamConnection connection)
    {
        var reason = connection.CloseReason ?? "closed by the peer";
        _connections.TryRemove(new KeyValuePair<IPEndPoint, SipStreamConnection>(connection.Remote.EndPoint, connection));
        connection.Close(reason);
        Log.ConnectionClosed(Logger, connection.Remote.ToString(), reason);
        if (connection.Outgoing && !_stop.IsCancellationRequested)
        {
            FlowClosed?.Invoke(connection.Remote, reason);
        }
    }

    private void Deliver(SipMessage message, SipTarget source)
    {
        try
        {
            MessageReceived?.Invoke(message, source);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.HandlerFailed(Logger, source.ToString(), ex);
        }
    }
}
