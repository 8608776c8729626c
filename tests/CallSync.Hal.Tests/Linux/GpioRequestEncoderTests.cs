using CallSync.Hal.Linux.Gpio;
using CallSync.Hal.Linux.Gpio.Interop;

namespace CallSync.Hal.Tests.Linux;

public sealed class GpioRequestEncoderTests
{
    private const ulong InputEdges = (ulong)(GpioV2LineFlags.Input | GpioV2LineFlags.EdgeRising | GpioV2LineFlags.EdgeFalling);

    [Fact]
    public void Inputs_MixedPolarity_ActiveLowByAttributeMaskAndDebounceForAll()
    {
        GpioLine[] lines = [new(17, ActiveLow: true), new(4), new(5, ActiveLow: true)];

        var request = GpioRequestEncoder.Inputs(lines, "callsync", TimeSpan.FromMilliseconds(20));

        Assert.Equal(3u, request.NumLines);
        Assert.Equal([17u, 4u, 5u], [request.Offsets[0], request.Offsets[1], request.Offsets[2]]);
        Assert.Equal(0x34ul, request.Config.Flags); // INPUT | EDGE_RISING | EDGE_FALLING
        Assert.Equal(2u, request.Config.NumAttributes);

        var flags = request.Config.Attributes[0];
        Assert.Equal(GpioV2LineAttribute.IdFlags, flags.Attribute.Id);
        Assert.Equal(InputEdges | 0x2, flags.Attribute.Value); // + ACTIVE_LOW
        Assert.Equal(0b101ul, flags.Mask);                      // request indexes 0 and 2, not chip offsets

        var debounce = request.Config.Attributes[1];
        Assert.Equal(GpioV2LineAttribute.IdDebounce, debounce.Attribute.Id);
        Assert.Equal(20_000ul, debounce.Attribute.Value);       // microseconds
        Assert.Equal(0b111ul, debounce.Mask);
        Assert.Equal(0u, request.EventBufferSize);              // the kernel's default
    }

    [Fact]
    public void Inputs_BiasAndPolarityMixes_OneFlagsAttributePerDistinctSet()
    {
        GpioLine[] lines =
        [
            new(17, ActiveLow: true, GpioBias.PullUp), new(4, Bias: GpioBias.PullUp), new(5, ActiveLow: true, GpioBias.PullUp),
            new(6), new(7, Bias: GpioBias.PullDown),
        ];

        var request = GpioRequestEncoder.Inputs(lines, "callsync", TimeSpan.FromMilliseconds(5));

        Assert.Equal(4u, request.Config.NumAttributes);
        Assert.Equal((InputEdges | 0x2 | 0x100, 0b00101ul), (request.Config.Attributes[0].Attribute.Value, request.Config.Attributes[0].Mask));
        Assert.Equal((InputEdges | 0x100, 0b00010ul), (request.Config.Attributes[1].Attribute.Value, request.Config.Attributes[1].Mask));
        Assert.Equal((InputEdges | 0x200, 0b10000ul), (request.Config.Attributes[2].Attribute.Value, request.Config.Attributes[2].Mask));
        Assert.Equal(GpioV2LineAttribute.IdDebounce, request.Config.Attributes[3].Attribute.Id);
        Assert.Equal(0b11111ul, request.Config.Attributes[3].Mask);
    }

    [Fact]
    public void Inputs_EveryFlagCombination_StaysWithinTheKernelsTenAttributes()
    {
        var lines = new List<GpioLine>();
        foreach (var bias in Enum.GetValues<GpioBias>())
        {
            lines.Add(new GpioLine(lines.Count, false, bias));
            lines.Add(new GpioLine(lines.Count, true, bias));
        }

        var request = GpioRequestEncoder.Inputs([.. lines], "callsync", TimeSpan.FromMilliseconds(5));

        Assert.Equal(8u, request.Config.NumAttributes); // 7 flag sets besides the request's own, and debounce
    }

    [Fact]
    public void Inputs_AllActiveHighNoDebounce_NoAttributes()
    {
        var request = GpioRequestEncoder.Inputs([new GpioLine(1)], "callsync", TimeSpan.Zero);

        Assert.Equal(0u, request.Config.NumAttributes);
        Assert.Equal(InputEdges, request.Config.Flags);
    }

    [Fact]
    public void Outputs_StartInactiveWithActiveLowLinesMasked()
    {
        GpioLine[] lines = [new(20), new(21, ActiveLow: true)];

        var request = GpioRequestEncoder.Outputs(lines, "callsync");

        Assert.Equal((ulong)GpioV2LineFlags.Output, request.Config.Flags);
        Assert.Equal(2u, request.Config.NumAttributes);
        Assert.Equal(GpioV2LineAttribute.IdFlags, request.Config.Attributes[0].Attribute.Id);
        Assert.Equal((ulong)(GpioV2LineFlags.Output | GpioV2LineFlags.ActiveLow), request.Config.Attributes[0].Attribute.Value);
        Assert.Equal(0b10ul, request.Config.Attributes[0].Mask);
        Assert.Equal(GpioV2LineAttribute.IdOutputValues, request.Config.Attributes[1].Attribute.Id);
        Assert.Equal(0ul, request.Config.Attributes[1].Attribute.Value);
        Assert.Equal(0b11ul, request.Config.Attributes[1].Mask);
    }

    [Fact]
    public void Consumer_IsNulTerminatedAndCutTo31Bytes()
    {
        var request = GpioRequestEncoder.Outputs([new GpioLine(1)], new string('x', 40));

        ReadOnlySpan<byte> label = request.Consumer;
        Assert.Equal(31, label.IndexOf((byte)0));
        var named = GpioRequestEncoder.Outputs([new GpioLine(1)], "callsync");
        ReadOnlySpan<byte> name = named.Consumer;
        Assert.Equal("callsync", System.Text.Encoding.ASCII.GetString(name[..name.IndexOf((byte)0)]));
    }

    [Fact]
    public void Inputs_SixtyFourLines_MaskCoversAll()
    {
        var lines = Enumerable.Range(0, 64).Select(i => new GpioLine(i)).ToArray();

        var request = GpioRequestEncoder.Inputs(lines, "callsync", TimeSpan.FromMilliseconds(1));

        Assert.Equal(ulong.MaxValue, request.Config.Attributes[0].Mask);
        Assert.Equal(63u, request.Offsets[63]);
    }

    [Fact]
    public void Inputs_TooManyOrNoLines_Throws()
    {
        var lines = Enumerable.Range(0, 65).Select(i => new GpioLine(i)).ToArray();

        Assert.Throws<ArgumentOutOfRangeException>(() => GpioRequestEncoder.Inputs(lines, "callsync", TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => GpioRequestEncoder.Outputs([], "callsync"));
    }
}
