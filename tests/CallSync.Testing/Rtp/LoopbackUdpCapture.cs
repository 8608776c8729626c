using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CallSync.Testing.Rtp;

/// <summary>
/// What crosses 127.0.0.1 as UDP towards a range of ports, seen from outside both ends: a raw IPv4 socket (root only)
/// gets a copy of every UDP datagram on the loopback interface, IP header included; the payloads sent to
/// [<c>firstPort</c>, <c>lastPort</c>] are kept in arrival order. The wire as an eavesdropper on the path sees it.
/// </summary>
public sealed class LoopbackUdpCapture : IDisposable
{
    private const int MaxKept = 10_000;
    private readonly Socket _socket;
    private readonly int _firstPort;
    private readonly int _lastPort;
    private readonly ConcurrentQueue<byte[]> _payloads = new();
    private readonly Thread _thread;
    private volatile bool _stopping;

    private LoopbackUdpCapture(Socket socket, int firstPort, int lastPort)
    {
        _socket = socket;
        _firstPort = firstPort;
        _lastPort = lastPort;
        _thread = new Thread(Run) { IsBackground = true, Name = "udp-capture" };
        _thread.Start();
    }

    /// <summary>Payloads captured so far, oldest first.</summary>
    public IReadOnlyList<byte[]> Payloads => [.. _payloads];

    /// <summary>Starts capturing; throws <see cref="SocketException"/> when raw sockets are not allowed (not root).</summary>
    public static LoopbackUdpCapture Start(int firstPort, int lastPort)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.ReceiveTimeout = 200;
            return new LoopbackUdpCapture(socket, firstPort, lastPort);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[65_536];
        while (!_stopping)
        {
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            // IPv4 header (IHL words), then the UDP header: source port, destination port, length, checksum.
            if (n < 20 || (buffer[0] >> 4) != 4)
            {
                continue;
            }

            int ipHeader = (buffer[0] & 0x0F) * 4;
            if (n < ipHeader + 8)
            {
                continue;
            }

            int port = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ipHeader + 2));
            if (port >= _firstPort && port <= _lastPort && _payloads.Count < MaxKept)
            {
                _payloads.Enqueue(buffer[(ipHeader + 8)..n]);
            }
        }
    }
}
