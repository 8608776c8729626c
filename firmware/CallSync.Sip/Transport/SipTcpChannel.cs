using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CallSync.Sip.Syntax;
using Microsoft.Extensions.Logging;

namespace CallSync.Sip.Transport;

/// <summary>
/// A TCP listener plus the connections it accepted or opened, keyed by remote endpoint so a response or
/// a later request reuses the connection (RFC 3261 section 18.3). Each connection is framed by the codec's
/// resumable <see cref="SipStreamDecoder"/>.
/// </summary>
public sealed class SipTcpChannel : SipChannel
{
    private readonly Socket _listener;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<IPEndPoint, Connection> _connections = new();
    private Task? _acceptLoop;

    /// <summary>Binds and listens at once, so <see cref="LocalEndPoint"/> holds the real port.</summary>
    public SipTcpChannel(IPEndPoint bind, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _logger = logger;
        _listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(bind);
        _listener.Listen(64);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <inheritdoc />
    public override SipTransportKind Transport => SipTransportKind.Tcp;

    /// <inheritdoc />
    public override IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections (for tests and diagnostics).</summary>
    public int ConnectionCount => _connections.Count;

    /// <inheritdoc />
    public override void Start() => _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token));

    /// <inheritdoc />
    public override async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, IPEndPoint remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (!_connections.TryGetValue(remote, out var connection))
        {
            var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            connection = new Connection(socket, remote);
            if (!_connections.TryAdd(remote, connection))
            {
                socket.Dispose();
                connection = _connections[remote];
            }
            else
            {
                connection.ReadLoop = Task.Run(() => ReadLoopAsync(connection, _stop.Token), CancellationToken.None);
            }
        }

        await connection.SendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.Socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.SendLock.Release();
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var c in _connections.Values)
        {
            c.Socket.Dispose();
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
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        foreach (var c in _connections.Values)
        {
            c.SendLock.Dispose();
        }

        _connections.Clear();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            socket.NoDelay = true;
            var remote = (IPEndPoint)socket.RemoteEndPoint!;
            var connection = new Connection(socket, remote);
            _connections[remote] = connection;
            connection.ReadLoop = Task.Run(() => ReadLoopAsync(connection, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ReadLoopAsync(Connection connection, CancellationToken cancellationToken)
    {
        var decoder = new SipStreamDecoder();
        var buffer = new byte[8192];
        var filled = 0;
        var source = new SipTarget(SipTransportKind.Tcp, connection.Remote);
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

                var n = await connection.Socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                filled += n;
                var offset = 0;
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
                            await SendAsync("\r\n"u8.ToArray(), connection.Remote, cancellationToken).ConfigureAwait(false);
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
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            if (_connections.TryRemove(new KeyValuePair<IPEndPoint, Connection>(connection.Remote, connection)))
            {
                connection.Socket.Dispose();
            }

            Log.ConnectionClosed(_logger, connection.Remote.ToString());
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
            Log.HandlerFailed(_logger, source.ToString(), ex);
        }
    }

    private sealed class Connection(Socket socket, IPEndPoint remote)
    {
        public Socket Socket { get; } = socket;

        public IPEndPoint Remote { get; } = remote;

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public Task? ReadLoop { get; set; }
    }
}
