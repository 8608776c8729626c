using CallSync.Hal;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// The companion link over Bluetooth RFCOMM: a listening AF_BLUETOOTH / SOCK_STREAM / BTPROTO_RFCOMM socket on a
/// configured channel, demanding <c>BT_SECURITY</c>. Each accepted connection is a plain byte stream.
/// <see cref="Listen"/> throws <see cref="BluetoothUnavailableException"/> when the system has no Bluetooth.
/// Cancelling an accept closes the listener.
/// </summary>
public sealed class RfcommCompanionTransport : ICompanionTransport
{
    private readonly BluetoothSocket _listener;

    private RfcommCompanionTransport(BluetoothSocket listener, RfcommEndPoint endPoint)
    {
        _listener = listener;
        Channel = endPoint.Channel;
        Endpoint = endPoint.ToString();
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <summary>The channel listened on: what the SDP record publishes.</summary>
    public byte Channel { get; }

    /// <summary>Binds to <paramref name="channel"/> on <paramref name="adapter"/> (default: every adapter) and listens.</summary>
    public static RfcommCompanionTransport Listen(
        byte channel, BluetoothAddress adapter = default, BluetoothSecurity security = BluetoothSecurity.Medium, int backlog = 4)
    {
        var endPoint = new RfcommEndPoint(adapter, channel);
        var socket = BluetoothSocket.OpenRfcomm();
        try
        {
            socket.SetSecurity(security);
            Span<byte> address = stackalloc byte[RfcommEndPoint.SockaddrSize];
            endPoint.Write(address);
            socket.Bind(address, endPoint.ToString());
            socket.Listen(backlog);
            return new RfcommCompanionTransport(socket, endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Connects to a device's RFCOMM channel (the mobile's side; the CLI uses it on a PC with Bluetooth).</summary>
    public static async Task<BluetoothStream> ConnectAsync(RfcommEndPoint device, BluetoothSecurity security, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var socket = BluetoothSocket.OpenRfcomm();
        try
        {
            socket.SetSecurity(security);
            byte[] remote = new byte[RfcommEndPoint.SockaddrSize];
            device.Write(remote);
            await socket.ConnectAsync(remote, device.ToString(), cancellationToken).ConfigureAwait(false);
            return new BluetoothStream(socket, device);
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
        var (socket, peer) = await _listener.AcceptAsync(RfcommEndPoint.SockaddrSize, cancellationToken).ConfigureAwait(false);
        RfcommEndPoint.TryRead(peer, out var endPoint);
        return new BluetoothStream(socket, endPoint);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
