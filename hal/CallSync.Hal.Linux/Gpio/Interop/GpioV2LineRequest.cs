using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Gpio.Interop;

/// <summary>
/// <c>struct gpio_v2_line_request</c> (592 bytes), the argument of GPIO_V2_GET_LINE_IOCTL: which lines, a consumer
/// label, their configuration and the event buffer size; the kernel returns the new line file descriptor in
/// <see cref="Fd"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GpioV2LineRequest
{
    /// <summary>GPIO_V2_LINES_MAX: lines in one request.</summary>
    public const int MaxLines = 64;

    /// <summary>GPIO_MAX_NAME_SIZE, including the terminating NUL.</summary>
    public const int NameSize = 32;

    public OffsetArray Offsets;
    public NameBuffer Consumer;
    public GpioV2LineConfig Config;
    public uint NumLines;
    public uint EventBufferSize;
    public GpioV2LineConfig.Padding5 Padding;
    public int Fd;

    [InlineArray(MaxLines)]
    internal struct OffsetArray
    {
        private uint _element;
    }

    [InlineArray(NameSize)]
    internal struct NameBuffer
    {
        private byte _element;
    }
}
