using System.Net;
using System.Net.Sockets;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>Finds a currently free TCP port on 127.0.0.1 (for peers that cannot bind port 0 and report it).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
