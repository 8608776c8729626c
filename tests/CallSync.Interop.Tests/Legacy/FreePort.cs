using System.Net;
using System.Net.Sockets;

namespace CallSync.Interop.Tests.Legacy;

/// <summary>Free loopback ports, probed by binding port 0 for both UDP and TCP.</summary>
internal static class FreePort
{
    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for UDP; try another
            }
        }

        throw new InvalidOperationException("no free loopback port");
    }

    /// <summary>A base port with <paramref name="count"/> free UDP ports above it, for an RTP range.</summary>
    public static int RtpRange(int count)
    {
        var random = new Random();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = 20000 + (random.Next(0, 20000) & ~1);
            List<Socket> held = [];
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    held.Add(udp);
                    udp.Bind(new IPEndPoint(IPAddress.Loopback, start + i));
                }

                return start;
            }
            catch (SocketException)
            {
                // one of them is taken; try another range
            }
            finally
            {
                foreach (var socket in held)
                {
                    socket.Dispose();
                }
            }
        }

        throw new InvalidOperationException("no free RTP range");
    }
}
