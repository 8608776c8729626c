using System.Net;
using System.Net.Sockets;
using CallSync.Sip.Syntax;
using Microsoft.Extensions.Logging;

namespace CallSync.Sip.Transport;

/// <summary>A UDP socket: one datagram is one message (RFC 3261 section 18.1.1, 18.2.1).</summary>
/// <remarks>
/// The socket is read on a thread of its own that also runs the message handlers (they only queue work and send).
/// Not on the thread pool: under call load the pool's queue holds timers, media clocks and record commits, and an
/// INVITE or an ACK that waits there for seconds is a retransmission, a late answer or a call that ends by timeout.
/// </remarks>
public sealed class SipUdpChannel : SipChannel
{
    private readonly Socket _socket;
    private readonly ILogger _logger;
    private Thread? _loop;
    private volatile bool _stopping;

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
    public override void Start()
    {
        _loop = new Thread(static state => ((SipUdpChannel)state!).ReceiveLoop()) { IsBackground = true, Name = "sip-udp " + LocalEndPoint.Port };
        _loop.Start(this);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Sent synchronously: a UDP send only copies the datagram into the kernel. It also keeps the socket in blocking
    /// mode, so the receive thread is woken by the kernel itself, not through the runtime's epoll thread (one
    /// context switch per datagram instead of two).
    /// </remarks>
    public override ValueTask SendAsync(ReadOnlyMemory<byte> bytes, SipTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        cancellationToken.ThrowIfCancellationRequested();
        _socket.SendTo(bytes.Span, SocketFlags.None, target.EndPoint);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        _stopping = true;
        _socket.Dispose(); // wakes the blocked receive
        if (_loop is { } loop && loop != Thread.CurrentThread)
        {
            // Bounded: a handler still running finishes on its own; the socket is closed either way.
            await Task.Run(() => loop.Join(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
    }

    private void ReceiveLoop()
    {
        // 64 KB: the largest UDP payload; SIP over UDP stays far below (RFC 3261 section 18.1.1).
        var buffer = new byte[65536];
        var address = new SocketAddress(LocalEndPoint.AddressFamily);
        var endPointFactory = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopping)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
            {
                continue; // ICMP port unreachable from an earlier send, or an oversized datagram: keep serving
            }
            catch (SocketException ex)
            {
                if (_stopping)
                {
                    return;
                }

                Log.ReceiveFailed(_logger, LocalEndPoint.ToString(), ex);
                Thread.Sleep(100); // keep serving, without spinning on an error that repeats
                continue;
            }

            var datagram = buffer.AsSpan(0, received);
            if (datagram.IndexOfAnyExcept((byte)'\r', (byte)'\n') < 0)
            {
                continue; // CRLF keep-alive (RFC 5626 section 4.4.1)
            }

            var source = new SipTarget(SipTransportKind.Udp, (IPEndPoint)endPointFactory.Create(address));
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
