using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CallSync.Hal.Linux.Gpio;
using CallSync.Hal.Linux.Gpio.Interop;

namespace CallSync.Hal.Tests.Linux;

/// <summary>
/// The uAPI v2 structs as the kernel reads them. Expected sizes, offsets and ioctl numbers are those of
/// linux/gpio.h (Linux 6.1 headers, compiled for x86-64; the layout is the same on AArch64 and ARM, where
/// __aligned_u64 is 8-byte aligned too).
/// </summary>
public sealed class GpioStructLayoutTests
{
    private static ReadOnlySpan<byte> Bytes<T>(ref T value)
        where T : struct => MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref value, 1));

    [Fact]
    public void Sizes_MatchTheKernelHeader()
    {
        Assert.Equal(16, Unsafe.SizeOf<GpioV2LineValues>());
        Assert.Equal(16, Unsafe.SizeOf<GpioV2LineAttribute>());
        Assert.Equal(24, Unsafe.SizeOf<GpioV2LineConfigAttribute>());
        Assert.Equal(272, Unsafe.SizeOf<GpioV2LineConfig>());
        Assert.Equal(592, Unsafe.SizeOf<GpioV2LineRequest>());
        Assert.Equal(48, GpioLineEvent.Size);
        Assert.Equal(8, Unsafe.SizeOf<GpioNative.PollFd>());
    }

    [Fact]
    public void LineRequest_FieldsLandAtTheKernelOffsets()
    {
        var request = default(GpioV2LineRequest);
        request.Offsets[0] = 0x11;
        request.Offsets[63] = 0x22;
        request.Consumer[0] = (byte)'c';
        request.Config.Flags = 0x0102030405060708;
        request.Config.NumAttributes = 3;
        request.Config.Attributes[0].Attribute.Id = 7;
        request.Config.Attributes[0].Attribute.Value = 0xAABB;
        request.Config.Attributes[0].Mask = 0xCC;
        request.Config.Attributes[9].Mask = 0xDD;
        request.NumLines = 5;
        request.EventBufferSize = 6;
        request.Fd = 0x7777;

        var bytes = Bytes(ref request);

        Assert.Equal(0x11u, MemoryMarshal.Read<uint>(bytes));                    // offsets[0]
        Assert.Equal(0x22u, MemoryMarshal.Read<uint>(bytes[252..]));             // offsets[63]
        Assert.Equal((byte)'c', bytes[256]);                                     // consumer
        Assert.Equal(0x0102030405060708ul, MemoryMarshal.Read<ulong>(bytes[288..])); // config.flags
        Assert.Equal(3u, MemoryMarshal.Read<uint>(bytes[296..]));                // config.num_attrs
        Assert.Equal(7u, MemoryMarshal.Read<uint>(bytes[320..]));                // config.attrs[0].attr.id
        Assert.Equal(0xAABBul, MemoryMarshal.Read<ulong>(bytes[328..]));         // config.attrs[0].attr union
        Assert.Equal(0xCCul, MemoryMarshal.Read<ulong>(bytes[336..]));           // config.attrs[0].mask
        Assert.Equal(0xDDul, MemoryMarshal.Read<ulong>(bytes[(320 + (9 * 24) + 16)..])); // config.attrs[9].mask
        Assert.Equal(5u, MemoryMarshal.Read<uint>(bytes[560..]));                // num_lines
        Assert.Equal(6u, MemoryMarshal.Read<uint>(bytes[564..]));                // event_buffer_size
        Assert.Equal(0x7777, MemoryMarshal.Read<int>(bytes[588..]));             // fd
    }

    [Fact]
    public void LineValues_BitsThenMask()
    {
        var values = new GpioV2LineValues { Bits = 1, Mask = 2 };

        var bytes = Bytes(ref values);

        Assert.Equal(1ul, MemoryMarshal.Read<ulong>(bytes));
        Assert.Equal(2ul, MemoryMarshal.Read<ulong>(bytes[8..]));
    }

    [Fact]
    public void IoctlNumbers_MatchTheKernelHeader()
    {
        Assert.Equal(0xC250B407u, GpioNative.GetLineIoctl);
        Assert.Equal(0xC010B40Eu, GpioNative.GetValuesIoctl);
        Assert.Equal(0xC010B40Fu, GpioNative.SetValuesIoctl);
    }

    [Fact]
    public void LineEvent_TryRead_DecodesTheKernelLayout()
    {
        var record = new byte[48];
        MemoryMarshal.Write(record, 123_456_789_000ul); // timestamp_ns
        MemoryMarshal.Write(record.AsSpan(8), 2u);       // id: falling edge
        MemoryMarshal.Write(record.AsSpan(12), 17u);     // offset
        MemoryMarshal.Write(record.AsSpan(16), 5u);      // seqno
        MemoryMarshal.Write(record.AsSpan(20), 3u);      // line_seqno

        Assert.True(GpioLineEvent.TryRead(record, out var lineEvent));

        Assert.Equal(new GpioLineEvent(123_456_789_000, GpioEdge.Falling, 17, 5, 3), lineEvent);
    }

    [Fact]
    public void LineEvent_TryWrite_RoundTripsThroughTryRead()
    {
        var original = new GpioLineEvent(42, GpioEdge.Rising, 3, 9, 1);
        var record = new byte[48];

        Assert.True(original.TryWrite(record));
        Assert.True(GpioLineEvent.TryRead(record, out var decoded));
        Assert.Equal(original, decoded);
        Assert.All(record.AsSpan(24).ToArray(), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(3u)]
    [InlineData(0xFFFFFFFFu)]
    public void LineEvent_TryRead_UnknownId_ReturnsFalse(uint id)
    {
        var record = new byte[48];
        MemoryMarshal.Write(record.AsSpan(8), id);

        Assert.False(GpioLineEvent.TryRead(record, out _));
    }

    [Fact]
    public void LineEvent_TryRead_ShortRecord_ReturnsFalse()
    {
        var record = new byte[48];
        new GpioLineEvent(1, GpioEdge.Rising, 1, 1, 1).TryWrite(record);

        Assert.False(GpioLineEvent.TryRead(record.AsSpan(0, 47), out _));
        Assert.False(new GpioLineEvent(1, GpioEdge.Rising, 1, 1, 1).TryWrite(new byte[47]));
    }
}
