using System.Buffers;
using System.Text;

namespace CallSync.Sip.Syntax.Tests;

public sealed class SipStreamDecoderTests
{
    private static readonly byte[] Stream = Concat(
        "\r\n\r\n"u8.ToArray(), SampleMessages.Invite, "\r\n"u8.ToArray(), SampleMessages.Ok, TortureCase.Load("mpart01"));

    [Fact]
    public void Decode_WholeStream_YieldsPingThenEveryMessage()
    {
        var events = DecodeAll(Stream, Stream.Length);
        Assert.Equal(["ping", "INVITE:300", "200:0", "MESSAGE:" + TortureCase.Parse("mpart01").ContentLength], events);
    }

    [Fact]
    public void Decode_SplitAtEveryByteBoundary_YieldsTheSameMessages()
    {
        var expected = DecodeAll(Stream, Stream.Length);
        for (var split = 1; split < Stream.Length; split++)
        {
            Assert.Equal(expected, DecodeAll(Stream, Stream.Length, split));
        }
    }

    [Fact]
    public void Decode_OneByteAtATime_YieldsTheSameMessages()
    {
        Assert.Equal(DecodeAll(Stream, Stream.Length), DecodeAll(Stream, 1));
    }

    [Fact]
    public void Decode_MessageSplitAcrossSequenceSegments_Completes()
    {
        var invite = SampleMessages.Invite;
        var first = new Segment(invite.AsMemory(0, 200));
        var last = first.Append(invite.AsMemory(200, 400)).Append(invite.AsMemory(600));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        var decoder = new SipStreamDecoder();
        Assert.Equal(SipDecodeStatus.Complete, decoder.Decode(sequence, out var message, out var consumed, out _, out _));
        Assert.Equal(sequence.End, consumed);
        Assert.Equal(SipMethod.Invite, ((SipRequest)message!).Method);
    }

    [Fact]
    public void Decode_HeaderSectionOverLimit_ReturnsError()
    {
        var huge = Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\nX: " + new string('a', SipLimits.MaxHeaderBytes) + "\r\n");
        var decoder = new SipStreamDecoder();
        Assert.Equal(SipDecodeStatus.Error, decoder.Decode(huge, out _, out var consumed, out var error));
        Assert.Equal(0, consumed);
        Assert.Equal("Header section too large", error.Reason);
    }

    [Fact]
    public void Decode_BodyOverLimit_ReturnsErrorBeforeReadingIt()
    {
        var head = Encoding.ASCII.GetBytes(SampleMessages.OkText.Replace("Content-Length: 0", "Content-Length: 70000", StringComparison.Ordinal));
        Assert.Equal(SipDecodeStatus.Error, new SipStreamDecoder().Decode(head, out _, out _, out var error));
        Assert.Equal("Invalid Content-Length", error.Reason);

        var small = new SipStreamDecoder(4096);
        var head2 = Encoding.ASCII.GetBytes(SampleMessages.OkText.Replace("Content-Length: 0", "Content-Length: 5000", StringComparison.Ordinal));
        Assert.Equal(SipDecodeStatus.Error, small.Decode(head2, out _, out _, out error));
        Assert.Equal("Message too large", error.Reason);
    }

    [Fact]
    public void Decode_BrokenContentLength_ReturnsError()
    {
        var bad = Encoding.ASCII.GetBytes(SampleMessages.OkText.Replace("Content-Length: 0", "Content-Length: zero", StringComparison.Ordinal));
        Assert.Equal(SipDecodeStatus.Error, new SipStreamDecoder().Decode(bad, out _, out _, out var error));
        Assert.Equal("Invalid Content-Length", error.Reason);
    }

    [Fact]
    public void Decode_FramedButInvalidMessage_ReturnsInvalidAndSkipsIt()
    {
        var stream = Concat(TortureCase.Load("mismatch01"), SampleMessages.Ok);
        var decoder = new SipStreamDecoder();
        Assert.Equal(SipDecodeStatus.Invalid, decoder.Decode(stream, out _, out var consumed, out var error));
        Assert.True(error.CanRespond);
        Assert.Equal(SipDecodeStatus.Complete, decoder.Decode(stream.AsSpan(consumed), out var next, out _, out _));
        Assert.Equal(200, ((SipResponse)next!).StatusCode);
    }

    [Fact]
    public void Decode_OnlyCrlf_WaitsWithoutConsuming()
    {
        Assert.Equal(SipDecodeStatus.NeedMoreData, new SipStreamDecoder().Decode("\r\n"u8, out _, out var consumed, out _));
        Assert.Equal(0, consumed);
    }

    private static List<string> DecodeAll(byte[] stream, int chunk, int? singleSplit = null)
    {
        var decoder = new SipStreamDecoder();
        var events = new List<string>();
        var buffer = new List<byte>();
        var offset = 0;
        var cuts = singleSplit is { } s ? new[] { s, stream.Length } : Enumerable.Range(1, (stream.Length + chunk - 1) / chunk).Select(i => Math.Min(i * chunk, stream.Length)).ToArray();
        foreach (var cut in cuts)
        {
            buffer.AddRange(stream.AsSpan(offset, cut - offset).ToArray());
            offset = cut;
            while (true)
            {
                var span = buffer.ToArray();
                var status = decoder.Decode(span, out var message, out var consumed, out var error);
                if (status == SipDecodeStatus.NeedMoreData)
                {
                    Assert.Equal(0, consumed);
                    break;
                }

                Assert.True(status is SipDecodeStatus.Complete or SipDecodeStatus.KeepAlive, error.Reason);
                buffer.RemoveRange(0, consumed);
                events.Add(status == SipDecodeStatus.KeepAlive ? "ping" : Describe(message!));
            }
        }

        Assert.Empty(buffer);
        return events;
    }

    private static string Describe(SipMessage m) => m switch
    {
        SipRequest r => r.Method.Name + ":" + r.ContentLength,
        SipResponse r => r.StatusCode + ":" + r.ContentLength,
        _ => "?",
    };

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
