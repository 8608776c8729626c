using System.Globalization;
using CallSync.Hal;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// The companion link over an LE L2CAP connection-oriented channel (credit-based flow control), which iOS apps open
/// with <c>CBPeripheral.openL2CAPChannel(PSM)</c> and Android apps with <c>BluetoothDevice.createL2capChannel(psm)</c>:
/// a listening AF_BLUETOOTH / SOCK_SEQPACKET / BTPROTO_L2CAP socket bound to an LE address type and a dynamic PSM,
/// demanding <c>BT_SECURITY</c> before data flows. Each accepted channel is a <see cref="BluetoothStream"/> cutting
/// writes into SDUs of the peer's MTU (BT_SNDMTU). <see cref="Listen"/> throws <see cref="BluetoothUnavailableException"/>
/// when the system has no Bluetooth. Cancelling an accept closes the listener.
/// </summary>
public sealed class L2capCompanionTransport : ICompanionTransport
{
    private readonly BluetoothSocket _listener;
    private readonly ushort _receiveMtu;

    private L2capCompanionTransport(BluetoothSocket listener, ushort psm, ushort receiveMtu)
    {
        _listener = listener;
        _receiveMtu = receiveMtu;
        Psm = psm;
        Endpoint = string.Create(CultureInfo.InvariantCulture, $"ble:0x{psm:X2}");
    }

    /// <inheritdoc/>
    public string Endpoint { get; }

    /// <summary>The PSM listened on (the kernel's choice when 0 was asked for): what the GATT characteristic publishes.</summary>
    public ushort Psm { get; }

    /// <summary>Sets security and receive MTU, binds, listens, and reads back the PSM.</summary>
    public static L2capCompanionTransport Listen(L2capListenOptions options, int backlog = 4)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReceiveMtu, (ushort)BluetoothSocketOptions.MinLeMtu);
        var local = new L2capEndPoint(options.Adapter, options.AddressType, options.Psm);
        var socket = BluetoothSocket.OpenL2cap();
        try
        {
            Configure(socket, options.Security, options.ReceiveMtu);
            Span<byte> address = stackalloc byte[L2capEndPoint.SockaddrSize];
            local.Write(address);
            socket.Bind(address, local.ToString());
            socket.Listen(backlog);
            int length = socket.GetLocalAddress(address);
            ushort psm = L2capEndPoint.TryRead(address[..length], out var bound) ? bound!.Psm : options.Psm;
            return new L2capCompanionTransport(socket, psm, options.ReceiveMtu);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Opens a channel to <paramref name="device"/>'s PSM (the mobile's side; the CLI uses it on a PC with Bluetooth).</summary>
    public static async Task<BluetoothStream> ConnectAsync(
        L2capEndPoint device, BluetoothSecurity security, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var socket = BluetoothSocket.OpenL2cap();
        try
        {
            Configure(socket, security, L2capListenOptions.DefaultReceiveMtu);
            Span<byte> address = stackalloc byte[L2capEndPoint.SockaddrSize];
            new L2capEndPoint(BluetoothAddress.Any, BluetoothAddressType.LePublic, 0).Write(address);
            socket.Bind(address, "local LE address");
            byte[] remote = new byte[L2capEndPoint.SockaddrSize];
            device.Write(remote);
            await socket.ConnectAsync(remote, device.ToString(), cancellationToken).ConfigureAwait(false);
            return Open(socket, device, L2capListenOptions.DefaultReceiveMtu);
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
        var (socket, peer) = await _listener.AcceptAsync(L2capEndPoint.SockaddrSize, cancellationToken).ConfigureAwait(false);
        L2capEndPoint.TryRead(peer, out var endPoint);
        return Open(socket, endPoint, _receiveMtu);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Configure(BluetoothSocket socket, BluetoothSecurity security, ushort receiveMtu)
    {
        socket.SetSecurity(security);
        Span<byte> value = stackalloc byte[2];
        BluetoothSocketOptions.WriteMtu(value, receiveMtu);
        socket.SetOption(BluetoothSocketOptions.SolBluetooth, BluetoothSocketOptions.ReceiveMtu, value, $"BT_RCVMTU {receiveMtu}");
    }

    /// <summary>The connected channel with the MTUs the two sides agreed (the kernel knows them once connected).</summary>
    private static BluetoothStream Open(BluetoothSocket socket, L2capEndPoint? peer, ushort receiveMtu)
    {
        Span<byte> value = stackalloc byte[2];
        int length = socket.GetOption(BluetoothSocketOptions.SolBluetooth, BluetoothSocketOptions.SendMtu, value, "BT_SNDMTU");
        ushort sendMtu = BluetoothSocketOptions.TryReadMtu(value[..length], out var mtu) ? mtu : (ushort)BluetoothSocketOptions.MinLeMtu;
        length = socket.GetOption(BluetoothSocketOptions.SolBluetooth, BluetoothSocketOptions.ReceiveMtu, value, "BT_RCVMTU");
        if (BluetoothSocketOptions.TryReadMtu(value[..length], out mtu))
        {
            receiveMtu = mtu;
        }

        return new BluetoothStream(socket, peer, sendMtu, receiveMtu);
    }
}
