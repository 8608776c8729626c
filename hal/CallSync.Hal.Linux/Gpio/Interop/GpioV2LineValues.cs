using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Gpio.Interop;

/// <summary>
/// <c>struct gpio_v2_line_values</c> (16 bytes): bit i of <see cref="Bits"/> is the value of the request's i-th
/// line (its index in the request, not its chip offset), for the lines whose bit is set in <see cref="Mask"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineValues
{
    public ulong Bits;
    public ulong Mask;
}
