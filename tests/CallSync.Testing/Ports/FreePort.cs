using System.Net;
using System.Net.Sockets;

namespace CallSync.Testing.Ports;

/// <summary>
/// Ports that are free on a loopback address, for peers that must be told their port (sipp, kamailio, mosquitto).
/// The port is probed by binding and released again, so another process could take it before the peer binds; a
/// port is never handed out twice by one test run, so tests running side by side do not collide with each other.
/// </summary>
public static class FreePort
{
    /// <summary>RTP ranges are taken below Linux's ephemeral ports (32768-60999), where port-0 binds never land.</summary>
    private const int RangeLow = 20000;
    private const int RangeHigh = 32000;

    private static readonly HashSet<int> Given = [];
    private static int _nextRange = RangeLow + (Random.Shared.Next(0, RangeHigh - RangeLow) & ~1);

    /// <summary>A free TCP port on <paramref name="address"/> (127.0.0.1 by default).</summary>
    public static int Tcp(IPAddress? address = null) => Probe(address, ProtocolType.Tcp, ProtocolType.Tcp);

    /// <summary>A free UDP port.</summary>
    public static int Udp(IPAddress? address = null) => Probe(address, ProtocolType.Udp, ProtocolType.Udp);

    /// <summary>A port free for both TCP and UDP (a SIP listener on both transports).</summary>
    public static int TcpAndUdp(IPAddress? address = null) => Probe(address, ProtocolType.Tcp, ProtocolType.Udp);

    /// <summary>An even UDP port with the next one free too: an RTP/RTCP pair.</summary>
    public static int UdpPair(IPAddress? address = null) => UdpRange(2, address);

    /// <summary>
    /// An even base port with <paramref name="count"/> consecutive free UDP ports (an RTP port range). Ranges are
    /// handed out one after another from a random point of the range and wrap around, so a run never fragments the
    /// range (random placement beside earlier ranges ran out of room after a few hundred calls' worth) and a port is
    /// only handed out again after the whole range has gone round.
    /// </summary>
    public static int UdpRange(int count, IPAddress? address = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, (RangeHigh - RangeLow) / 4);
        address ??= IPAddress.Loopback;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            int start;
            lock (Given)
            {
                if (_nextRange + count > RangeHigh)
                {
                    _nextRange = RangeLow;
                }

                start = _nextRange;
                _nextRange += (count + 1) & ~1;
            }

            if (AllBind(address, start, count))
            {
                return start;
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free UDP ports on {address}");
    }

    private static int Probe(IPAddress? address, ProtocolType first, ProtocolType second)
    {
        address ??= IPAddress.Loopback;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var socket = Open(address, first);
            socket.Bind(new IPEndPoint(address, 0));
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            if (second != first && !Binds(address, second, port))
            {
                continue;
            }

            if (Reserve(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free {first}/{second} port on {address}");
    }

    private static bool AllBind(IPAddress address, int start, int count)
    {
        for (var port = start; port < start + count; port++)
        {
            if (!Binds(address, ProtocolType.Udp, port))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Binds(IPAddress address, ProtocolType protocol, int port)
    {
        using var socket = Open(address, protocol);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Socket Open(IPAddress address, ProtocolType protocol) =>
        protocol == ProtocolType.Tcp
            ? new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

    /// <summary>Marks a port as handed out; false when it already was.</summary>
    private static bool Reserve(int port)
    {
        lock (Given)
        {
            return Given.Add(port);
        }
    }
}
