using System.Buffers.Binary;

namespace CallSync.Companion.Framing;

/// <summary>Writes frame headers and whole frames into caller buffers.</summary>
public static class FrameWriter
{
    /// <summary>Writes the 5-byte header for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static bool TryWriteHeader(Span<byte> destination, MessageType type, int payloadLength)
    {
        if (destination.Length < FrameDecoder.HeaderSize || payloadLength < 0)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)payloadLength + 1);
        destination[4] = (byte)type;
        return true;
    }

    /// <summary>Writes a whole frame; false (nothing useful written) when the destination is too small.</summary>
    public static bool TryWrite(Span<byte> destination, MessageType type, ReadOnlySpan<byte> payload, out int written)
    {
        written = 0;
        if (destination.Length < FrameDecoder.HeaderSize + payload.Length
            || !TryWriteHeader(destination, type, payload.Length))
        {
            return false;
        }

        payload.CopyTo(destination[FrameDecoder.HeaderSize..]);
        written = FrameDecoder.HeaderSize + payload.Length;
        return true;
    }
}
