using System.Buffers.Binary;

namespace CallSync.Media.Dtmf;

/// <summary>The 4-byte RFC 4733 telephone-event payload (section 2.3).</summary>
public readonly record struct TelephoneEvent
{
    /// <summary>Bytes on the wire.</summary>
    public const int Length = 4;

    /// <summary>Event code: 0-9 digits, 10 '*', 11 '#', 12-15 'A'-'D'.</summary>
    public byte Event { get; init; }

    /// <summary>The E bit: this packet ends the event.</summary>
    public bool End { get; init; }

    /// <summary>Volume in -dBm0 (0-63).</summary>
    public byte Volume { get; init; }

    /// <summary>Duration so far in RTP timestamp units.</summary>
    public ushort Duration { get; init; }

    /// <summary>Parses the payload; false when shorter than 4 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        value = default;
        if (payload.Length < Length)
        {
            return false;
        }

        value = new TelephoneEvent
        {
            Event = payload[0],
            End = (payload[1] & 0x80) != 0,
            Volume = (byte)(payload[1] & 0x3F),
            Duration = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(2, 2)),
        };
        return true;
    }

    /// <summary>Writes the 4 bytes.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            return false;
        }

        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(2, 2), Duration);
        return true;
    }

    /// <summary>Maps a keypad character to its event code.</summary>
    public static bool TryGetEventCode(char digit, out byte code)
    {
        code = digit switch
        {
            >= '0' and <= '9' => (byte)(digit - '0'),
            '*' => 10,
            '#' => 11,
            >= 'A' and <= 'D' => (byte)(digit - 'A' + 12),
            >= 'a' and <= 'd' => (byte)(digit - 'a' + 12),
            _ => byte.MaxValue,
        };
        return code != byte.MaxValue;
    }

    /// <summary>Maps an event code to its keypad character.</summary>
    public static bool TryGetDigit(byte code, out char digit)
    {
        digit = code switch
        {
            <= 9 => (char)('0' + code),
            10 => '*',
            11 => '#',
            <= 15 => (char)('A' + code - 12),
            _ => '\0',
        };
        return digit != '\0';
    }
}
