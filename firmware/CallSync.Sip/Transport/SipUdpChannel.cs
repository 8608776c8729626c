using System.Net;
using System.Net.Sockets;
using CallSync.Sip.Syntax;
using Microsoft.Extensions.Logging;

namespace CallSync.Sip.Transport;

/// <summary>A UDP socket: one datagram is one message (RFC 3261 section 18.1.1, 18.2.1).</summary>
public sealed class SipUdpChannel : SipChannel
{
    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Binds the socket at once, so <see cref="LocalEndPoint"/> holds the real port.</summary>
    public SipUdpChannel(IPEndPoint bind, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _logger = logger;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

        // Room for a burst (a proxy forking, a load test) while the loop handles what came before: the kernel
        // default (~208 KiB, a few hundred datagrams) drops requests and forces retransmissions. The kernel caps
        // this at net.core.rmem_max.
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <inheritdoc />
    public override SipTransportKind Transport => SipTransportKind.Udp;

    /// <inheritdoc />
    public override IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public override void Start() => _loop = Task.Run(() => ReceiveLoopAsync(_stop.Token));

    /// <inheritdoc />
    public override async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, IPEndPoint remote, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(bytes, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        // 64 KB: the largest UDP payload; SIP over UDP stays far below (RFC 3261 section 18.1.1).
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                continue; // ICMP port unreachable from an earlier send, or an oversized datagram: keep serving
            }

            var source = new SipTarget(SipTransportKind.Udp, (IPEndPoint)result.RemoteEndPoint);
            var datagram = buffer.AsSpan(0, result.ReceivedBytes);
            if (datagram.IndexOfAnyExcept((byte)'\r', (byte)'\n') < 0)
            {
                continue; // CRLF keep-alive (RFC 5626 section 4.4.1)
            }

            try
            {
                if (SipMessage.TryParse(datagram, out var message, out var error))
                {
                    MessageReceived?.Invoke(message, source);
                }
                else
                {
                    MalformedReceived?.Invoke(error, source);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.HandlerFailed(_logger, source.ToString(), ex);
            }
        }
    }
}
