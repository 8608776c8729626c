using System.Buffers.Binary;
using System.Text;

namespace CallSync.Companion.Messages;

/// <summary>
/// Writes payload fields big-endian into a caller buffer. Strings and variable byte fields carry a u16 length;
/// <see cref="WriteRest"/> writes a trailing field without length. Overflow is recorded, never thrown.
/// </summary>
public ref struct PayloadWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    /// <summary>Bytes written so far.</summary>
    public readonly int Written => _position;

    /// <summary>True when a write did not fit; the content is then unusable.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Bytes a u16-length-prefixed UTF-8 string takes.</summary>
    public static int SizeOf(string value) => 2 + Encoding.UTF8.GetByteCount(value);

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        var span = Reserve(1);
        if (!Overflowed)
        {
            span[0] = value;
        }
    }

    /// <summary>Writes a u16.</summary>
    public void WriteUInt16(ushort value)
    {
        var span = Reserve(2);
        if (!Overflowed)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        }
    }

    /// <summary>Writes a u32.</summary>
    public void WriteUInt32(uint value)
    {
        var span = Reserve(4);
        if (!Overflowed)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        }
    }

    /// <summary>Writes a u64.</summary>
    public void WriteUInt64(ulong value)
    {
        var span = Reserve(8);
        if (!Overflowed)
        {
            BinaryPrimitives.WriteUInt64BigEndian(span, value);
        }
    }

    /// <summary>Writes an i64.</summary>
    public void WriteInt64(long value) => WriteUInt64(unchecked((ulong)value));

    /// <summary>Writes a u16 length then the bytes (at most 65535).</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            Overflowed = true;
            return;
        }

        WriteUInt16((ushort)value.Length);
        WriteRest(value);
    }

    /// <summary>Writes a u16 length then the UTF-8 bytes of <paramref name="value"/>.</summary>
    public void WriteString(string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        if (count > ushort.MaxValue)
        {
            Overflowed = true;
            return;
        }

        WriteUInt16((ushort)count);
        var span = Reserve(count);
        if (!Overflowed)
        {
            Encoding.UTF8.GetBytes(value, span);
        }
    }

    /// <summary>Writes bytes without a length (fixed-size fields, or the last field of a payload).</summary>
    public void WriteRest(ReadOnlySpan<byte> value)
    {
        var span = Reserve(value.Length);
        if (!Overflowed)
        {
            value.CopyTo(span);
        }
    }

    private Span<byte> Reserve(int count)
    {
        if (Overflowed || _destination.Length - _position < count)
        {
            Overflowed = true;
            return default;
        }

        var span = _destination.Slice(_position, count);
        _position += count;
        return span;
    }
}
