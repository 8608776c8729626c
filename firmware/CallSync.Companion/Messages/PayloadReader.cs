using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace CallSync.Companion.Messages;

/// <summary>Reads payload fields written by <see cref="PayloadWriter"/>; every read says whether it fitted.</summary>
public ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private readonly ReadOnlySpan<byte> _payload = payload;
    private int _position;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _payload.Length - _position;

    /// <summary>Where the reader is, for slicing the rest out of the original memory.</summary>
    public readonly int Position => _position;

    /// <summary>Reads one byte.</summary>
    public bool TryReadByte(out byte value)
    {
        value = 0;
        if (Remaining < 1)
        {
            return false;
        }

        value = _payload[_position++];
        return true;
    }

    /// <summary>Reads a u16.</summary>
    public bool TryReadUInt16(out ushort value)
    {
        value = 0;
        if (Remaining < 2)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(_payload[_position..]);
        _position += 2;
        return true;
    }

    /// <summary>Reads a u32.</summary>
    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (Remaining < 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(_payload[_position..]);
        _position += 4;
        return true;
    }

    /// <summary>Reads a u64.</summary>
    public bool TryReadUInt64(out ulong value)
    {
        value = 0;
        if (Remaining < 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_payload[_position..]);
        _position += 8;
        return true;
    }

    /// <summary>Reads an i64.</summary>
    public bool TryReadInt64(out long value)
    {
        bool ok = TryReadUInt64(out ulong raw);
        value = unchecked((long)raw);
        return ok;
    }

    /// <summary>Reads u16 length-prefixed bytes (copied).</summary>
    public bool TryReadBytes(out byte[] value)
    {
        value = [];
        if (!TryReadUInt16(out ushort length) || Remaining < length)
        {
            return false;
        }

        value = _payload.Slice(_position, length).ToArray();
        _position += length;
        return true;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes (copied).</summary>
    public bool TryReadFixed(int length, out byte[] value)
    {
        value = [];
        if (Remaining < length)
        {
            return false;
        }

        value = _payload.Slice(_position, length).ToArray();
        _position += length;
        return true;
    }

    /// <summary>Reads a u16 length-prefixed UTF-8 string; invalid UTF-8 is refused.</summary>
    public bool TryReadString(out string value)
    {
        value = string.Empty;
        if (!TryReadUInt16(out ushort length) || Remaining < length)
        {
            return false;
        }

        var bytes = _payload.Slice(_position, length);
        if (!Utf8.IsValid(bytes))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes);
        _position += length;
        return true;
    }
}
