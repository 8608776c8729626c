using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>The one place errno values of the GPIO calls become <see cref="GpioException"/> with what to check.</summary>
public static class GpioErrors
{
    /// <summary>The exception for <paramref name="operation"/> on <paramref name="chip"/> failing with <paramref name="errno"/>.</summary>
    public static GpioException Translate(int errno, string operation, string chip)
    {
        var why = errno switch
        {
            2 => $"GPIO chip {chip} does not exist (ENOENT); the board's chips are /dev/gpiochipN (`ls /dev/gpiochip*`)",
            19 or 6 => $"GPIO chip {chip} has no device behind it (ENODEV): its driver is not loaded or the chip was removed",
            13 or 1 => $"access to GPIO chip {chip} was denied: run as root or give the user access (the gpio group or a udev rule)",
            16 => $"a line on GPIO chip {chip} is already requested by another program or a kernel driver (EBUSY); `gpioinfo` shows the consumer",
            22 => $"GPIO chip {chip} rejected the request (EINVAL): a line offset beyond the chip's lines, or a flag the chip does not support",
            25 => $"{chip} is not a GPIO character device, or the kernel lacks GPIO uAPI v2 (Linux 5.10 or later) (ENOTTY)",
            _ => null,
        };
        return new GpioException(
            why is null
                ? $"GPIO {operation} on {chip} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})"
                : $"GPIO {operation} failed: {why}",
            errno);
    }
}
