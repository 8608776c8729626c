using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Gpio.Interop;

/// <summary>
/// <c>struct gpio_v2_line_attribute</c> (16 bytes): an id, 4 bytes of padding, then a union of u64 flags, u64
/// output values or u32 debounce_period_us (the low half of <see cref="Value"/> on little-endian boards).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineAttribute
{
    public const uint IdFlags = 1;
    public const uint IdOutputValues = 2;
    public const uint IdDebounce = 3;

    public uint Id;
    public uint Padding;
    public ulong Value;
}
