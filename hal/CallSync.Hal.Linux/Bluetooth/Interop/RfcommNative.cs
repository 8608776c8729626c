using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Bluetooth.Interop;

/// <summary>
/// Raw libc socket calls for RFCOMM. .NET's Socket cannot be used: its Unix address-family table has no
/// AF_BLUETOOTH, so it fails before calling the kernel.
/// </summary>
internal static partial class RfcommNative
{
    internal const int AfBluetooth = 31;
    internal const int SockStream = 1;
    internal const int SockCloexec = 0x80000;
    internal const int BtProtoRfcomm = 3;
    internal const int ShutRdWr = 2;
    internal const int Eintr = 4;

    private const string Libc = "libc";

    [LibraryImport(Libc, EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Libc, EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(SafeRfcommHandle socket, ReadOnlySpan<byte> address, int addressLength);

    [LibraryImport(Libc, EntryPoint = "listen", SetLastError = true)]
    internal static partial int Listen(SafeRfcommHandle socket, int backlog);

    [LibraryImport(Libc, EntryPoint = "accept4", SetLastError = true)]
    internal static partial int Accept(SafeRfcommHandle socket, Span<byte> address, ref int addressLength, int flags);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(SafeRfcommHandle socket, Span<byte> buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(SafeRfcommHandle socket, ReadOnlySpan<byte> buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "shutdown", SetLastError = true)]
    internal static partial int Shutdown(SafeRfcommHandle socket, int how);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}
