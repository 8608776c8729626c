using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Bluetooth.Interop;

/// <summary>
/// Raw libc socket calls for RFCOMM and L2CAP (and AF_UNIX socket pairs, which behave as SOCK_SEQPACKET links).
/// .NET's Socket cannot be used: its Unix address-family table has no AF_BLUETOOTH, so it fails before calling the kernel.
/// </summary>
internal static partial class BluetoothSocketNative
{
    internal const int AfUnix = 1;
    internal const int AfBluetooth = 31;
    internal const int SockStream = 1;
    internal const int SockSeqPacket = 5;
    internal const int SockCloexec = 0x80000;
    internal const int BtProtoL2cap = 0;
    internal const int BtProtoRfcomm = 3;
    internal const int ShutRdWr = 2;

    /// <summary>recv(): report the packet's real length even when it was longer than the buffer.</summary>
    internal const int MsgTrunc = 0x20;

    /// <summary>send(): no SIGPIPE on a closed peer, EPIPE instead.</summary>
    internal const int MsgNoSignal = 0x4000;

    internal const int Eintr = 4;

    private const string Libc = "libc";

    [LibraryImport(Libc, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Libc, EntryPoint = "socketpair", SetLastError = true)]
    internal static partial int SocketPair(int domain, int type, int protocol, Span<int> fds);

    [LibraryImport(Libc, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(SafeBluetoothSocketHandle socket, ReadOnlySpan<byte> address, int addressLength);

    [LibraryImport(Libc, EntryPoint = "connect", SetLastError = true)]
    internal static partial int Connect(SafeBluetoothSocketHandle socket, ReadOnlySpan<byte> address, int addressLength);

    [LibraryImport(Libc, EntryPoint = "listen", SetLastError = true)]
    internal static partial int Listen(SafeBluetoothSocketHandle socket, int backlog);

    [LibraryImport(Libc, EntryPoint = "accept4", SetLastError = true)]
    internal static partial int Accept(SafeBluetoothSocketHandle socket, Span<byte> address, ref int addressLength, int flags);

    [LibraryImport(Libc, EntryPoint = "getsockname", SetLastError = true)]
    internal static partial int GetSockName(SafeBluetoothSocketHandle socket, Span<byte> address, ref int addressLength);

    [LibraryImport(Libc, EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(SafeBluetoothSocketHandle socket, int level, int name, ReadOnlySpan<byte> value, int length);

    [LibraryImport(Libc, EntryPoint = "getsockopt", SetLastError = true)]
    internal static partial int GetSockOpt(SafeBluetoothSocketHandle socket, int level, int name, Span<byte> value, ref int length);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(SafeBluetoothSocketHandle socket, Span<byte> buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(SafeBluetoothSocketHandle socket, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Receive(SafeBluetoothSocketHandle socket, Span<byte> buffer, nint count, int flags);

    [LibraryImport(Libc, EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(SafeBluetoothSocketHandle socket, ReadOnlySpan<byte> buffer, nint count, int flags);

    [LibraryImport(Libc, EntryPoint = "shutdown", SetLastError = true)]
    internal static partial int Shutdown(SafeBluetoothSocketHandle socket, int how);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
