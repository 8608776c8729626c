using System.Net;
using System.Net.Sockets;
using CallSync.Hal;

namespace CallSync.Companion.Transport;

/// <summary>The companion protocol over TCP: simulation on a PC, tests, and the CLI's peer.</summary>
public sealed class TcpCompanionTransport : ICompanionTransport
{
    private readonly Socket _listener;

    private TcpCompanionTransport(Socket listener)
    {
        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        Endpoint = $"tcp:{LocalEndPoint.Address}:{LocalEndPoint.Port}";
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <summary>The bound address (port 0 resolves to the chosen port).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and listens on <paramref name="endPoint"/> (use port 0 for a free port).</summary>
    public static TcpCompanionTransport Listen(IPEndPoint endPoint, int backlog = 16)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return new TcpCompanionTransport(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects to a phone's TCP companion endpoint.</summary>
    public static async Task<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask<Stream> AcceptAsync(CancellationToken cancellationToken)
    {
        var socket = await _listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        socket.NoDelay = true;
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
