using System.Buffers;
using System.Buffers.Binary;

namespace CallSync.Companion.Framing;

/// <summary>
/// Resumable frame scanner: <c>u32 big-endian length</c> (type byte + payload), <c>u8 type</c>, payload.
/// Never throws on input: a bad length is reported as <see cref="FrameDecodeStatus.Error"/> with a reason.
/// </summary>
public static class FrameDecoder
{
    /// <summary>Length prefix plus type byte.</summary>
    public const int HeaderSize = 5;

    /// <summary>The largest allowed value of the length field (type byte + payload): 1 MiB.</summary>
    public const int MaxFrameLength = 1024 * 1024;

    /// <summary>
    /// Decodes the first frame in <paramref name="buffer"/>. On <see cref="FrameDecodeStatus.Complete"/>,
    /// <paramref name="consumed"/> is the position after the frame; otherwise it is the buffer start.
    /// </summary>
    public static FrameDecodeStatus Decode(
        in ReadOnlySequence<byte> buffer,
        out CompanionFrame frame,
        out SequencePosition consumed,
        out string? error,
        int maxFrameLength = MaxFrameLength)
    {
        frame = default;
        consumed = buffer.Start;
        error = null;
        if (buffer.Length < 4)
        {
            return FrameDecodeStatus.NeedMoreData;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        uint length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (length == 0)
        {
            error = "frame length 0: a frame carries at least its type byte";
            return FrameDecodeStatus.Error;
        }

        if (length > (uint)maxFrameLength)
        {
            error = $"frame length {length} exceeds the maximum of {maxFrameLength} bytes";
            return FrameDecodeStatus.Error;
        }

        if (buffer.Length < 4 + (long)length)
        {
            return FrameDecodeStatus.NeedMoreData;
        }

        var body = buffer.Slice(4, length);
        var type = (MessageType)body.FirstSpan[0];
        frame = new CompanionFrame(type, body.Slice(1));
        consumed = body.End;
        return FrameDecodeStatus.Complete;
    }
}
