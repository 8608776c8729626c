using CallSync.Media.Jitter;

namespace CallSync.Media.Tests.Jitter;

public sealed class PlayoutBufferTests
{
    [Fact]
    public void TryAdd_AnyArrivalOrder_HeadIsTheEarliestTimestampWithItsPayload()
    {
        var buffer = new PlayoutBuffer();
        Assert.True(buffer.TryAdd(480, 240, 240, 3, PayloadKind.Voice, [3]));
        Assert.True(buffer.TryAdd(0, 160, 160, 1, PayloadKind.Voice, [1]));
        Assert.True(buffer.TryAdd(160, 320, 320, 2, PayloadKind.Voice, [2, 2]));

        var order = new List<(long, byte)>();
        while (buffer.Count > 0)
        {
            PlayoutEntry head = buffer.Head;
            order.Add((head.Timestamp, buffer.Payload(head)[0]));
            buffer.RemoveHead();
        }

        Assert.Equal([(0L, (byte)1), (160L, (byte)2), (480L, (byte)3)], order);
    }

    [Fact]
    public void TryAdd_SameTimestampTwiceOrFull_Refused()
    {
        var buffer = new PlayoutBuffer();
        Assert.True(buffer.TryAdd(0, 160, 160, 1, PayloadKind.Voice, [1]));
        Assert.False(buffer.TryAdd(0, 160, 160, 2, PayloadKind.Voice, [2]));
        for (int i = 1; i < PlayoutBuffer.Capacity; i++)
        {
            Assert.True(buffer.TryAdd(160 * i, 160, 160, i + 1, PayloadKind.Voice, [1]));
        }

        Assert.False(buffer.TryAdd(1_000_000, 160, 160, 999, PayloadKind.Voice, [1]));
        Assert.False(new PlayoutBuffer().TryAdd(0, 1, 1, 0, PayloadKind.Voice, new byte[PlayoutBuffer.MaxPayload + 1]));
        Assert.Equal(160L * PlayoutBuffer.Capacity, buffer.Horizon);
    }

    [Fact]
    public void SequenceWindow_MarkAndCountMissing_AcrossTheWindowEdge()
    {
        var window = new SequenceWindow();
        Assert.True(window.Mark(10));
        Assert.True(window.Mark(12));
        Assert.False(window.Mark(12));
        Assert.Equal(1, window.CountMissing(10, 13)); // 11
        Assert.Equal(0, window.CountMissing(10, 11));

        Assert.True(window.Mark(10 + (3 * SequenceWindow.Size))); // far ahead: everything before is forgotten
        Assert.Equal(0, window.CountMissing(9, 12)); // older than the window: counted as received
        Assert.True(window.Mark(12)); // too old to be called a duplicate
    }
}
