using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Bluetooth.Interop;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>The checked layer over <see cref="RfcommNative"/>: every failing call becomes one typed exception.</summary>
internal sealed class RfcommSocket : IDisposable
{
    private readonly SafeRfcommHandle _handle;

    private RfcommSocket(SafeRfcommHandle handle) => _handle = handle;

    public static RfcommSocket Open()
    {
        int fd = RfcommNative.Socket(RfcommNative.AfBluetooth, RfcommNative.SockStream | RfcommNative.SockCloexec, RfcommNative.BtProtoRfcomm);
        if (fd < 0)
        {
            throw BluetoothErrors.Translate(Marshal.GetLastPInvokeError(), "socket(AF_BLUETOOTH, SOCK_STREAM, BTPROTO_RFCOMM)");
        }

        return new RfcommSocket(new SafeRfcommHandle(fd));
    }

    public void Bind(RfcommEndPoint endPoint)
    {
        Span<byte> address = stackalloc byte[RfcommEndPoint.SockaddrSize];
        endPoint.Write(address);
        if (RfcommNative.Bind(_handle, address, address.Length) < 0)
        {
            throw BluetoothErrors.Translate(Marshal.GetLastPInvokeError(), $"bind({endPoint})");
        }
    }

    public void Listen(int backlog)
    {
        if (RfcommNative.Listen(_handle, backlog) < 0)
        {
            throw BluetoothErrors.Translate(Marshal.GetLastPInvokeError(), "listen");
        }
    }

    /// <summary>Blocks until a peer connects.</summary>
    public RfcommSocket Accept(out RfcommEndPoint? peer)
    {
        Span<byte> address = stackalloc byte[RfcommEndPoint.SockaddrSize];
        while (true)
        {
            int length = address.Length;
            int fd = RfcommNative.Accept(_handle, address, ref length, RfcommNative.SockCloexec);
            if (fd >= 0)
            {
                RfcommEndPoint.TryRead(address[..Math.Min(length, address.Length)], out peer);
                return new RfcommSocket(new SafeRfcommHandle(fd));
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != RfcommNative.Eintr)
            {
                throw BluetoothErrors.Translate(errno, "accept");
            }
        }
    }

    public int Read(Span<byte> buffer)
    {
        while (true)
        {
            nint count = RfcommNative.Read(_handle, buffer, buffer.Length);
            if (count >= 0)
            {
                return (int)count;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != RfcommNative.Eintr)
            {
                throw BluetoothErrors.Translate(errno, "read");
            }
        }
    }

    public void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            nint count = RfcommNative.Write(_handle, buffer, buffer.Length);
            if (count < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == RfcommNative.Eintr)
                {
                    continue;
                }

                throw BluetoothErrors.Translate(errno, "write");
            }

            buffer = buffer[(int)count..];
        }
    }

    /// <summary>Wakes blocked accept/read calls (closing alone does not on Linux).</summary>
    public void Shutdown()
    {
        if (!_handle.IsClosed)
        {
            RfcommNative.Shutdown(_handle, RfcommNative.ShutRdWr);
        }
    }

    public void Dispose()
    {
        Shutdown();
        _handle.Dispose();
    }
}
