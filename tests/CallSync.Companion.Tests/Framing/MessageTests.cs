using CallSync.Companion.Messages;

namespace CallSync.Companion.Tests.Framing;

public sealed class MessageTests
{
    private static byte[] Write<T>(T message)
        where T : ICompanionMessage<T>
    {
        byte[] buffer = new byte[message.GetSize()];
        var writer = new PayloadWriter(buffer);
        message.Write(ref writer);
        Assert.False(writer.Overflowed);
        Assert.Equal(buffer.Length, writer.Written);
        return buffer;
    }

    [Fact]
    public void RecordingOffer_RoundTrip_KeepsEveryField()
    {
        var offer = new RecordingOffer("rec-1", 1_843_200, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), "+49 30 555", "outgoing", 1_800_000_000_000, 600_000);

        Assert.True(RecordingOffer.TryRead(Write(offer), out var read));

        Assert.Equal(offer.RecordId, read.RecordId);
        Assert.Equal(offer.Size, read.Size);
        Assert.Equal(offer.Sha256, read.Sha256);
        Assert.Equal(offer.RemoteNumber, read.RemoteNumber);
        Assert.Equal(offer.StartedAtUnixMs, read.StartedAtUnixMs);
        Assert.Equal(offer.DurationMs, read.DurationMs);
    }

    [Fact]
    public void RecordingOffer_EveryTruncation_IsRefused()
    {
        byte[] payload = Write(new RecordingOffer("rec-1", 10, new byte[32], "1", "incoming", 5, 6));
        for (int length = 0; length < payload.Length; length++)
        {
            Assert.False(RecordingOffer.TryRead(payload.AsMemory(0, length), out _));
        }
    }

    [Fact]
    public void PairResult_TrailingGarbage_IsRefused()
    {
        byte[] payload = Write(new PairResult(PairingStatus.Paired, "", "id", [1, 2], [3], [4]));
        Assert.True(PairResult.TryRead(payload, out _));
        Assert.False(PairResult.TryRead(payload.Append((byte)0).ToArray(), out _));
    }

    [Fact]
    public void RecordingChunk_RoundTrip_DataIsRestOfPayload()
    {
        byte[] data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

        Assert.True(RecordingChunk.TryRead(Write(new RecordingChunk("r", 65536, data)), out var read));

        Assert.Equal(65536UL, read.Offset);
        Assert.Equal(data, read.Data.ToArray());
    }

    [Fact]
    public void PairConfirm_BooleanOtherThanZeroOrOne_IsRefused()
    {
        byte[] payload = Write(new PairConfirm(true, new byte[32]));
        payload[0] = 2;
        Assert.False(PairConfirm.TryRead(payload, out _));
    }

    [Fact]
    public void String_InvalidUtf8_IsRefused()
    {
        byte[] payload = Write(new Pong(1));
        Assert.True(Pong.TryRead(payload, out _));
        Assert.False(UnpairRequest.TryRead(new byte[] { 0, 2, 0xC3, 0x28 }, out _));
    }
}
