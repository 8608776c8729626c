using CallSync.Hal;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// The companion link over Bluetooth RFCOMM: a listening AF_BLUETOOTH / SOCK_STREAM / BTPROTO_RFCOMM socket on a
/// configured channel. Each accepted connection is a plain byte stream. <see cref="Listen"/> throws
/// <see cref="BluetoothUnavailableException"/> when the system has no Bluetooth. Cancelling an accept closes the listener.
/// </summary>
public sealed class RfcommCompanionTransport : ICompanionTransport
{
    private readonly RfcommSocket _listener;

    private RfcommCompanionTransport(RfcommSocket listener, RfcommEndPoint endPoint)
    {
        _listener = listener;
        Endpoint = endPoint.ToString();
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <summary>Binds to <paramref name="channel"/> on <paramref name="adapter"/> (default: every adapter) and listens.</summary>
    public static RfcommCompanionTransport Listen(byte channel, BluetoothAddress adapter = default, int backlog = 4)
    {
        var endPoint = new RfcommEndPoint(adapter, channel);
        var socket = RfcommSocket.Open();
        try
        {
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return new RfcommCompanionTransport(socket, endPoint);
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
        using (cancellationToken.Register(_listener.Shutdown))
        {
            var accepted = await Task.Run(() => (Socket: _listener.Accept(out var peer), Peer: peer), CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                accepted.Socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return new RfcommStream(accepted.Socket, accepted.Peer);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
