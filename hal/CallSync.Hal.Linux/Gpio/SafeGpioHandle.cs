using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Gpio.Interop;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>Owns one file descriptor: a GPIO chip (/dev/gpiochipN) or a line request returned by the chip.</summary>
internal sealed class SafeGpioHandle : SafeHandle
{
    public SafeGpioHandle()
        : base(-1, ownsHandle: true)
    {
    }

    internal SafeGpioHandle(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    /// <summary>The raw descriptor, for poll().</summary>
    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => GpioNative.Close((int)handle) == 0;
}
