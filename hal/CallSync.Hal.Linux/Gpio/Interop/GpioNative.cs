using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Gpio.Interop;

/// <summary>
/// Raw libc calls for the GPIO character device (uAPI v2, Linux 5.10+). ioctl is variadic in C; passing the
/// pointer as a fixed third argument is what the x86-64 and AArch64 calling conventions expect.
/// </summary>
internal static partial class GpioNative
{
    internal const int OpenReadWrite = 2;
    internal const int OpenCloseOnExec = 0x80000;
    internal const short PollIn = 1;
    internal const int Eintr = 4;
    internal const int Eagain = 11;

    // _IOWR(0xB4, nr, type) = (3 << 30) | (sizeof(type) << 16) | (0xB4 << 8) | nr, with the generic ioctl encoding
    // used by x86-64, ARM and AArch64.
    internal const uint GetLineIoctl = (3u << 30) | (592u << 16) | (0xB4u << 8) | 0x07;
    internal const uint GetValuesIoctl = (3u << 30) | (16u << 16) | (0xB4u << 8) | 0x0E;
    internal const uint SetValuesIoctl = (3u << 30) | (16u << 16) | (0xB4u << 8) | 0x0F;

    private const string Libc = "libc";

    [LibraryImport(Libc, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeGpioHandle fd, nuint request, ref GpioV2LineRequest argument);

    [LibraryImport(Libc, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(SafeGpioHandle fd, nuint request, ref GpioV2LineValues argument);

    [LibraryImport(Libc, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(SafeGpioHandle fd, Span<byte> buffer, nint count);

    [LibraryImport(Libc, EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(ref PollFd fd, nuint count, int timeoutMilliseconds);

    /// <summary><c>struct pollfd</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
