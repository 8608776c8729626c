using System.Runtime.InteropServices;

namespace CallSync.Hal.Interop;

/// <summary>
/// <c>struct timespec</c>: two C longs, which is <see cref="nint"/> on the boards (LP64 arm64, ILP32 armhf with a
/// 32-bit time_t as in Debian 12) and here.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public nint Seconds;
    public nint Nanoseconds;

    public static Timespec FromNanoseconds(long ns) => new() { Seconds = (nint)(ns / 1_000_000_000), Nanoseconds = (nint)(ns % 1_000_000_000) };

    public readonly long ToNanoseconds() => ((long)Seconds * 1_000_000_000) + Nanoseconds;
}
