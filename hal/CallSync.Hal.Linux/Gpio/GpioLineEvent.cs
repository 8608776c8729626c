using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// One <c>struct gpio_v2_line_event</c> as read from a line request's file descriptor (48 bytes, host byte order):
/// u64 timestamp_ns, u32 id, u32 offset, u32 seqno, u32 line_seqno, 6 u32 of padding.
/// </summary>
/// <param name="TimestampNanoseconds">CLOCK_MONOTONIC time of the edge.</param>
/// <param name="Edge">Rising (became active) or falling.</param>
/// <param name="Offset">The line's offset on the chip.</param>
/// <param name="Sequence">Sequence number among all lines of the request.</param>
/// <param name="LineSequence">Sequence number among this line's events.</param>
public readonly record struct GpioLineEvent(ulong TimestampNanoseconds, GpioEdge Edge, uint Offset, uint Sequence, uint LineSequence)
{
    /// <summary>sizeof(struct gpio_v2_line_event).</summary>
    public const int Size = 48;

    /// <summary>Reads one record; false when fewer than <see cref="Size"/> bytes are given or the id is not an edge.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out GpioLineEvent lineEvent)
    {
        lineEvent = default;
        if (source.Length < Size)
        {
            return false;
        }

        var id = MemoryMarshal.Read<uint>(source[8..]);
        if (id is not (1 or 2))
        {
            return false;
        }

        lineEvent = new GpioLineEvent(
            MemoryMarshal.Read<ulong>(source),
            (GpioEdge)id,
            MemoryMarshal.Read<uint>(source[12..]),
            MemoryMarshal.Read<uint>(source[16..]),
            MemoryMarshal.Read<uint>(source[20..]));
        return true;
    }

    /// <summary>Writes the record (for recorded test input and tools); false when <paramref name="destination"/> is too small.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            return false;
        }

        destination[..Size].Clear();
        var timestamp = TimestampNanoseconds;
        var id = (uint)Edge;
        var offset = Offset;
        var sequence = Sequence;
        var lineSequence = LineSequence;
        MemoryMarshal.Write(destination, in timestamp);
        MemoryMarshal.Write(destination[8..], in id);
        MemoryMarshal.Write(destination[12..], in offset);
        MemoryMarshal.Write(destination[16..], in sequence);
        MemoryMarshal.Write(destination[20..], in lineSequence);
        return true;
    }
}
