using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Bluetooth.Interop;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// The checked layer over <see cref="BluetoothSocketNative"/>: every failing call becomes one typed exception
/// (<see cref="BluetoothErrors"/>). One class for RFCOMM (SOCK_STREAM) and L2CAP (SOCK_SEQPACKET) sockets, and for
/// AF_UNIX SOCK_SEQPACKET pairs, which carry SDUs exactly as an L2CAP channel does.
/// </summary>
internal sealed class BluetoothSocket : IDisposable
{
    private readonly SafeBluetoothSocketHandle _handle;

    private BluetoothSocket(SafeBluetoothSocketHandle handle, string protocol)
    {
        _handle = handle;
        Protocol = protocol;
    }

    /// <summary>RFCOMM, L2CAP or SEQPACKET (a socket pair), for error messages.</summary>
    public string Protocol { get; }

    public static BluetoothSocket OpenRfcomm() =>
        Open(BluetoothSocketNative.SockStream, BluetoothSocketNative.BtProtoRfcomm, "RFCOMM", "socket(AF_BLUETOOTH, SOCK_STREAM, BTPROTO_RFCOMM)");

    public static BluetoothSocket OpenL2cap() =>
        Open(BluetoothSocketNative.SockSeqPacket, BluetoothSocketNative.BtProtoL2cap, "L2CAP", "socket(AF_BLUETOOTH, SOCK_SEQPACKET, BTPROTO_L2CAP)");

    /// <summary>Two connected AF_UNIX SOCK_SEQPACKET sockets: message boundaries kept, as on an L2CAP channel.</summary>
    public static (BluetoothSocket First, BluetoothSocket Second) CreateSeqPacketPair()
    {
        Span<int> fds = stackalloc int[2];
        if (BluetoothSocketNative.SocketPair(
            BluetoothSocketNative.AfUnix, BluetoothSocketNative.SockSeqPacket | BluetoothSocketNative.SockCloexec, 0, fds) < 0)
        {
            throw BluetoothErrors.Translate(Marshal.GetLastPInvokeError(), "socketpair(AF_UNIX, SOCK_SEQPACKET)", "SEQPACKET");
        }

        return (new BluetoothSocket(new SafeBluetoothSocketHandle(fds[0]), "SEQPACKET"), new BluetoothSocket(new SafeBluetoothSocketHandle(fds[1]), "SEQPACKET"));
    }

    public void Bind(ReadOnlySpan<byte> address, string what) =>
        Check(BluetoothSocketNative.Bind(_handle, address, address.Length), $"bind({what})");

    /// <summary>Blocks until the peer accepted (or refused) the connection.</summary>
    public void Connect(ReadOnlySpan<byte> address, string what)
    {
        while (BluetoothSocketNative.Connect(_handle, address, address.Length) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != BluetoothSocketNative.Eintr)
            {
                throw BluetoothErrors.Translate(errno, $"connect({what})", Protocol);
            }
        }
    }

    /// <summary>Connects on the thread pool; cancelling shuts the socket down, which wakes the blocked connect().</summary>
    public async Task ConnectAsync(byte[] address, string what, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(Shutdown))
        {
            await Task.Run(() => Connect(address, what), CancellationToken.None).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Listen(int backlog) => Check(BluetoothSocketNative.Listen(_handle, backlog), "listen");

    /// <summary>
    /// Accepts on the thread pool; returns the connection and the peer's socket address (<paramref name="addressSize"/>
    /// bytes at most). Cancelling shuts the listener down, which wakes the blocked accept().
    /// </summary>
    public async Task<(BluetoothSocket Socket, byte[] Peer)> AcceptAsync(int addressSize, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(Shutdown))
        {
            var accepted = await Task.Run(
                () =>
                {
                    byte[] peer = new byte[addressSize];
                    var socket = Accept(peer, out int length);
                    return (socket, peer[..length]);
                },
                CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                accepted.socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return accepted;
        }
    }

    /// <summary>Sets BT_SECURITY: the link security the kernel demands before data flows.</summary>
    public void SetSecurity(BluetoothSecurity level)
    {
        Span<byte> value = stackalloc byte[BluetoothSocketOptions.SecuritySize];
        BluetoothSocketOptions.WriteSecurity(value, level);
        SetOption(BluetoothSocketOptions.SolBluetooth, BluetoothSocketOptions.Security, value, $"BT_SECURITY {level}");
    }

    /// <summary>Blocks until a peer connects; <paramref name="peerLength"/> is how much of <paramref name="peer"/> the kernel filled.</summary>
    public BluetoothSocket Accept(Span<byte> peer, out int peerLength)
    {
        while (true)
        {
            peerLength = peer.Length;
            int fd = BluetoothSocketNative.Accept(_handle, peer, ref peerLength, BluetoothSocketNative.SockCloexec);
            if (fd >= 0)
            {
                peerLength = Math.Min(peerLength, peer.Length);
                return new BluetoothSocket(new SafeBluetoothSocketHandle(fd), Protocol);
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != BluetoothSocketNative.Eintr)
            {
                throw BluetoothErrors.Translate(errno, "accept", Protocol);
            }
        }
    }

    /// <summary>The bound address (a PSM or channel the kernel chose shows here); returns its length.</summary>
    public int GetLocalAddress(Span<byte> address)
    {
        int length = address.Length;
        Check(BluetoothSocketNative.GetSockName(_handle, address, ref length), "getsockname");
        return Math.Min(length, address.Length);
    }

    public void SetOption(int level, int name, ReadOnlySpan<byte> value, string what) =>
        Check(BluetoothSocketNative.SetSockOpt(_handle, level, name, value, value.Length), $"setsockopt({what})");

    /// <summary>Reads a socket option into <paramref name="value"/>; returns its length.</summary>
    public int GetOption(int level, int name, Span<byte> value, string what)
    {
        int length = value.Length;
        Check(BluetoothSocketNative.GetSockOpt(_handle, level, name, value, ref length), $"getsockopt({what})");
        return Math.Min(length, value.Length);
    }

    /// <summary>Stream read: any number of bytes, 0 at the end.</summary>
    public int Read(Span<byte> buffer)
    {
        while (true)
        {
            nint count = BluetoothSocketNative.Read(_handle, buffer, buffer.Length);
            if (count >= 0)
            {
                return (int)count;
            }

            ThrowUnlessInterrupted("read");
        }
    }

    /// <summary>Stream write: loops over partial writes.</summary>
    public void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            nint count = BluetoothSocketNative.Write(_handle, buffer, buffer.Length);
            if (count < 0)
            {
                ThrowUnlessInterrupted("write");
                continue;
            }

            buffer = buffer[(int)count..];
        }
    }

    /// <summary>
    /// Receives one packet (SDU); returns its real length, which is larger than <paramref name="buffer"/> when the
    /// packet did not fit (MSG_TRUNC): the rest is lost. 0 means the peer closed.
    /// </summary>
    public int ReceivePacket(Span<byte> buffer)
    {
        while (true)
        {
            nint count = BluetoothSocketNative.Receive(_handle, buffer, buffer.Length, BluetoothSocketNative.MsgTrunc);
            if (count >= 0)
            {
                return (int)count;
            }

            ThrowUnlessInterrupted("recv");
        }
    }

    /// <summary>Sends one packet (SDU): all of it or an error (SOCK_SEQPACKET sends are atomic).</summary>
    public void SendPacket(ReadOnlySpan<byte> packet)
    {
        while (BluetoothSocketNative.Send(_handle, packet, packet.Length, BluetoothSocketNative.MsgNoSignal) < 0)
        {
            ThrowUnlessInterrupted("send");
        }
    }

    /// <summary>Wakes blocked accept/read/write calls (closing alone does not on Linux).</summary>
    public void Shutdown()
    {
        if (!_handle.IsClosed)
        {
            BluetoothSocketNative.Shutdown(_handle, BluetoothSocketNative.ShutRdWr);
        }
    }

    public void Dispose()
    {
        Shutdown();
        _handle.Dispose();
    }

    private static BluetoothSocket Open(int type, int protocol, string name, string what)
    {
        int fd = BluetoothSocketNative.Socket(BluetoothSocketNative.AfBluetooth, type | BluetoothSocketNative.SockCloexec, protocol);
        if (fd < 0)
        {
            throw BluetoothErrors.Translate(Marshal.GetLastPInvokeError(), what, name);
        }

        return new BluetoothSocket(new SafeBluetoothSocketHandle(fd), name);
    }

    private void Check(int result, string what)
    {
        if (result < 0)
        {
            throw BluetoothErrors.Translate(Marshal.GetLastPInvokeError(), what, Protocol);
        }
    }

    private void ThrowUnlessInterrupted(string what)
    {
        int errno = Marshal.GetLastPInvokeError();
        if (errno != BluetoothSocketNative.Eintr)
        {
            throw BluetoothErrors.Translate(errno, what, Protocol);
        }
    }
}
