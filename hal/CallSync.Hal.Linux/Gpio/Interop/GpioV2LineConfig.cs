using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Gpio.Interop;

/// <summary>
/// <c>struct gpio_v2_line_config</c> (272 bytes): flags for every line, then up to
/// <see cref="MaxAttributes"/> attributes that override them for the lines in their masks.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineConfig
{
    /// <summary>GPIO_V2_LINE_NUM_ATTRS_MAX.</summary>
    public const int MaxAttributes = 10;

    public ulong Flags;
    public uint NumAttributes;
    public Padding5 Padding;
    public AttributeArray Attributes;

    [InlineArray(5)]
    internal struct Padding5
    {
        private uint _element;
    }

    [InlineArray(MaxAttributes)]
    internal struct AttributeArray
    {
        private GpioV2LineConfigAttribute _element;
    }
}
