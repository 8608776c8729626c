using System.Buffers;
using System.Buffers.Binary;
using CallSync.Companion.Framing;
using CallSync.Companion.Tests.Support;

namespace CallSync.Companion.Tests.Framing;

public sealed class FrameDecoderTests
{
    private static readonly (MessageType Type, byte[] Payload)[] Frames =
    [
        (MessageType.Hello, [0, 1, 0, 1, 0, 3, (byte)'a', (byte)'b', (byte)'c']),
        (MessageType.Ping, [1, 2, 3, 4, 5, 6, 7, 8]),
        (MessageType.RecordingQueueEmpty, []),
        (MessageType.Sealed, Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()),
    ];

    private static byte[] Wire()
    {
        var bytes = new List<byte>();
        foreach (var (type, payload) in Frames)
        {
            byte[] frame = new byte[FrameDecoder.HeaderSize + payload.Length];
            Assert.True(FrameWriter.TryWrite(frame, type, payload, out int written));
            Assert.Equal(frame.Length, written);
            bytes.AddRange(frame);
        }

        return [.. bytes];
    }

    /// <summary>Decodes everything in the buffer the way the connection does; returns frames and leftover length.</summary>
    private static (List<(MessageType, byte[])> Frames, long Left) DecodeAll(ReadOnlySequence<byte> buffer)
    {
        var result = new List<(MessageType, byte[])>();
        while (true)
        {
            var status = FrameDecoder.Decode(buffer, out var frame, out var consumed, out string? error);
            if (status != FrameDecodeStatus.Complete)
            {
                Assert.Equal(FrameDecodeStatus.NeedMoreData, status);
                Assert.Null(error);
                return (result, buffer.Length);
            }

            result.Add((frame.Type, frame.Payload.ToArray()));
            buffer = buffer.Slice(consumed);
        }
    }

    private static void AssertAllFrames(List<(MessageType Type, byte[] Payload)> decoded)
    {
        Assert.Equal(Frames.Length, decoded.Count);
        for (int i = 0; i < Frames.Length; i++)
        {
            Assert.Equal(Frames[i].Type, decoded[i].Type);
            Assert.Equal(Frames[i].Payload, decoded[i].Payload);
        }
    }

    [Fact]
    public void Decode_WholeBuffer_ReturnsEveryFrame()
    {
        var (decoded, left) = DecodeAll(new ReadOnlySequence<byte>(Wire()));
        AssertAllFrames(decoded);
        Assert.Equal(0, left);
    }

    [Fact]
    public void Decode_SplitAtEveryByteBoundary_ReturnsEveryFrame()
    {
        byte[] wire = Wire();
        for (int split = 1; split < wire.Length; split++)
        {
            var (decoded, left) = DecodeAll(Segments.Of(wire[..split], wire[split..]));
            AssertAllFrames(decoded);
            Assert.Equal(0, left);
        }
    }

    [Fact]
    public void Decode_OneByteAtATime_ReturnsEveryFrameOnlyWhenComplete()
    {
        byte[] wire = Wire();
        var received = new List<byte>();
        var decoded = new List<(MessageType, byte[])>();
        foreach (byte b in wire)
        {
            received.Add(b);
            var buffer = Segments.Of(received.Select(x => new[] { x }).ToArray());
            var (frames, left) = DecodeAll(buffer);
            decoded.AddRange(frames);
            received.RemoveRange(0, received.Count - (int)left);
        }

        AssertAllFrames(decoded);
        Assert.Empty(received);
    }

    [Fact]
    public void Decode_LengthOverOneMebibyte_ReturnsErrorWithReason()
    {
        byte[] header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header, FrameDecoder.MaxFrameLength + 1);
        header[4] = (byte)MessageType.RecordingChunk;

        var status = FrameDecoder.Decode(new ReadOnlySequence<byte>(header), out _, out _, out string? error);

        Assert.Equal(FrameDecodeStatus.Error, status);
        Assert.Contains("exceeds the maximum of 1048576", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LengthExactlyOneMebibyte_IsAccepted()
    {
        byte[] frame = new byte[4 + FrameDecoder.MaxFrameLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame, FrameDecoder.MaxFrameLength);
        frame[4] = (byte)MessageType.RecordingChunk;

        Assert.Equal(FrameDecodeStatus.NeedMoreData, FrameDecoder.Decode(new ReadOnlySequence<byte>(frame[..^1]), out _, out _, out _));
        Assert.Equal(FrameDecodeStatus.Complete, FrameDecoder.Decode(new ReadOnlySequence<byte>(frame), out var decoded, out _, out _));
        Assert.Equal(FrameDecoder.MaxFrameLength - 1, decoded.Payload.Length);
    }

    [Fact]
    public void Decode_ZeroLength_ReturnsError()
    {
        var status = FrameDecoder.Decode(new ReadOnlySequence<byte>(new byte[5]), out _, out _, out string? error);

        Assert.Equal(FrameDecodeStatus.Error, status);
        Assert.NotNull(error);
    }

    [Fact]
    public void TryWrite_DestinationTooSmall_ReturnsFalse()
    {
        Assert.False(FrameWriter.TryWrite(new byte[6], MessageType.Ping, new byte[8], out int written));
        Assert.Equal(0, written);
    }
}
