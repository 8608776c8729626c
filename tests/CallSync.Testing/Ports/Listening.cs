using System.Net;
using System.Net.Sockets;

namespace CallSync.Testing.Ports;

/// <summary>Whether a peer accepts connections yet (for peers that say nothing when they start listening).</summary>
public static class Listening
{
    /// <summary>True when something accepts a TCP connection on <paramref name="address"/>:<paramref name="port"/> (127.0.0.1 by default).</summary>
    public static bool OnTcp(int port, IPAddress? address = null)
    {
        try
        {
            using var client = new TcpClient(address?.AddressFamily ?? AddressFamily.InterNetwork);
            client.Connect(address ?? IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when some socket holds UDP <paramref name="port"/> on <paramref name="address"/> (binding it fails).</summary>
    public static bool OnUdp(int port, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
