using System.Text;
using CallSync.Hal.Linux.Gpio.Interop;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// Builds the <c>gpio_v2_line_request</c> for the board's inputs and outputs. Attribute masks and value bits are
/// by the line's index in the request (bit i is <c>offsets[i]</c>), not by its chip offset.
/// </summary>
internal static class GpioRequestEncoder
{
    /// <summary>
    /// Inputs with both edges reported: active-low lines get GPIO_V2_LINE_FLAG_ACTIVE_LOW (so the kernel reports
    /// logical edges and values) and lines with a bias its flag, through flags attributes; every line gets the debounce period.
    /// </summary>
    public static GpioV2LineRequest Inputs(ReadOnlySpan<GpioLine> lines, string consumer, TimeSpan debounce)
    {
        const GpioV2LineFlags flags = GpioV2LineFlags.Input | GpioV2LineFlags.EdgeRising | GpioV2LineFlags.EdgeFalling;
        var request = Begin(lines, consumer, flags);
        AddLineFlags(ref request.Config, lines, flags);
        if (debounce > TimeSpan.Zero)
        {
            // The union's u32 debounce_period_us is the low half of the u64 on little-endian boards.
            Add(ref request.Config, GpioV2LineAttribute.IdDebounce, (uint)debounce.TotalMicroseconds, AllMask(lines.Length));
        }

        return request;
    }

    /// <summary>Outputs, all set inactive (dark, silent) as they are requested.</summary>
    public static GpioV2LineRequest Outputs(ReadOnlySpan<GpioLine> lines, string consumer)
    {
        const GpioV2LineFlags flags = GpioV2LineFlags.Output;
        var request = Begin(lines, consumer, flags);
        AddLineFlags(ref request.Config, lines, flags);

        Add(ref request.Config, GpioV2LineAttribute.IdOutputValues, 0, AllMask(lines.Length));
        return request;
    }

    private static GpioV2LineRequest Begin(ReadOnlySpan<GpioLine> lines, string consumer, GpioV2LineFlags flags)
    {
        if (lines.IsEmpty || lines.Length > GpioV2LineRequest.MaxLines)
        {
            throw new ArgumentOutOfRangeException(nameof(lines), lines.Length, $"expected 1 to {GpioV2LineRequest.MaxLines} lines in one request");
        }

        var request = default(GpioV2LineRequest);
        for (int i = 0; i < lines.Length; i++)
        {
            request.Offsets[i] = (uint)lines[i].Offset;
        }

        request.NumLines = (uint)lines.Length;
        Span<byte> label = request.Consumer;
        // Leave the last byte NUL; cut on a character boundary is not needed: consumers are ASCII labels.
        Encoding.UTF8.GetBytes(consumer.AsSpan(0, Math.Min(consumer.Length, GpioV2LineRequest.NameSize - 1)), label);
        request.Config.Flags = (ulong)flags;
        return request;
    }

    private static void Add(ref GpioV2LineConfig config, uint id, ulong value, ulong mask)
    {
        ref var attribute = ref config.Attributes[(int)config.NumAttributes];
        attribute.Attribute.Id = id;
        attribute.Attribute.Value = value;
        attribute.Mask = mask;
        config.NumAttributes++;
    }

    // Lines whose flags differ from the request's (active-low, a bias) get one flags attribute per distinct set of
    // flags, its mask naming them: at most 7 (2 polarities x 4 biases, less the default), within the kernel's 10.
    private static void AddLineFlags(ref GpioV2LineConfig config, ReadOnlySpan<GpioLine> lines, GpioV2LineFlags common)
    {
        Span<ulong> groupFlags = stackalloc ulong[8];
        Span<ulong> groupMasks = stackalloc ulong[8];
        int groups = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var flags = common | (lines[i].ActiveLow ? GpioV2LineFlags.ActiveLow : 0) | lines[i].Bias switch
            {
                GpioBias.PullUp => GpioV2LineFlags.BiasPullUp,
                GpioBias.PullDown => GpioV2LineFlags.BiasPullDown,
                GpioBias.Disabled => GpioV2LineFlags.BiasDisabled,
                _ => GpioV2LineFlags.None,
            };
            if (flags == common)
            {
                continue;
            }

            int group = groupFlags[..groups].IndexOf((ulong)flags);
            if (group < 0)
            {
                group = groups++;
                groupFlags[group] = (ulong)flags;
            }

            groupMasks[group] |= 1UL << i;
        }

        for (int group = 0; group < groups; group++)
        {
            Add(ref config, GpioV2LineAttribute.IdFlags, groupFlags[group], groupMasks[group]);
        }
    }

    private static ulong AllMask(int count) => count == 64 ? ulong.MaxValue : (1UL << count) - 1;
}
