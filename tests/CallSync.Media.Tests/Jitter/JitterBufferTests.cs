using CallSync.Media.Jitter;

namespace CallSync.Media.Tests.Jitter;

public sealed class JitterBufferTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    private static JitterBuffer Create(int minMs = 40, int maxMs = 200) =>
        new(Frame, TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs));

    private static byte[] Payload(ushort seq) => [(byte)(seq >> 8), (byte)seq];

    private static (JitterFrameKind Kind, int Seq) Pop(JitterBuffer jb)
    {
        var buffer = new byte[16];
        JitterFrameKind kind = jb.Pop(buffer, out int length);
        return (kind, length >= 2 ? (buffer[0] << 8) | buffer[1] : -1);
    }

    [Fact]
    public void Pop_BeforeTargetDepth_ReturnsSilence()
    {
        JitterBuffer jb = Create();
        jb.Push(10, Payload(10));
        Assert.Equal(JitterFrameKind.Silence, Pop(jb).Kind);
        jb.Push(11, Payload(11));
        Assert.Equal((JitterFrameKind.Packet, 10), Pop(jb));
        Assert.Equal((JitterFrameKind.Packet, 11), Pop(jb));
    }

    [Fact]
    public void Push_ReorderedAndDuplicated_PlaysInOrderOnce()
    {
        JitterBuffer jb = Create();
        Assert.True(jb.Push(2, Payload(2)));
        Assert.True(jb.Push(1, Payload(1)));
        Assert.False(jb.Push(2, Payload(2)));
        Assert.True(jb.Push(3, Payload(3)));
        Assert.Equal((JitterFrameKind.Packet, 1), Pop(jb));
        Assert.Equal((JitterFrameKind.Packet, 2), Pop(jb));
        Assert.Equal((JitterFrameKind.Packet, 3), Pop(jb));
        Assert.Equal(1, jb.GetStatistics().Duplicates);
    }

    [Fact]
    public void Pop_GapWithNextPresent_ReturnsLostWithNextPayloadForFec()
    {
        JitterBuffer jb = Create();
        jb.Push(1, Payload(1));
        jb.Push(3, Payload(3));
        jb.Push(4, Payload(4));
        Assert.Equal((JitterFrameKind.Packet, 1), Pop(jb));
        Assert.Equal((JitterFrameKind.Lost, 3), Pop(jb));
        Assert.Equal((JitterFrameKind.Packet, 3), Pop(jb));
        Assert.Equal(1, jb.GetStatistics().Concealed);
    }

    [Fact]
    public void Push_AfterItsPlayoutTime_IsDroppedAsLateAndTargetGrows()
    {
        JitterBuffer jb = Create(minMs: 20);
        jb.Push(1, Payload(1));
        jb.Push(3, Payload(3));
        Assert.Equal((JitterFrameKind.Packet, 1), Pop(jb));
        Assert.Equal(JitterFrameKind.Lost, Pop(jb).Kind);
        Assert.False(jb.Push(2, Payload(2)));
        Assert.Equal(1, jb.GetStatistics().Late);
        Assert.Equal(TimeSpan.FromMilliseconds(40), jb.TargetDepth);
    }

    [Fact]
    public void Push_SequenceWrapAround_PlaysContinuously()
    {
        JitterBuffer jb = Create();
        ushort seq = 65533;
        var played = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            jb.Push(seq, Payload(seq));
            seq++;
            (JitterFrameKind kind, int s) = Pop(jb);
            if (kind == JitterFrameKind.Packet)
            {
                played.Add(s);
            }
        }

        Assert.Equal([65533, 65534, 65535, 0, 1, 2, 3], played);
    }

    [Fact]
    public void Pop_WhenDrained_ConcealsBrieflyThenSilence()
    {
        JitterBuffer jb = Create(minMs: 20);
        jb.Push(1, Payload(1));
        Assert.Equal(JitterFrameKind.Packet, Pop(jb).Kind);
        var kinds = Enumerable.Range(0, 8).Select(_ => Pop(jb).Kind).ToList();
        Assert.Equal(JitterFrameKind.Lost, kinds[0]);
        Assert.Equal(JitterFrameKind.Silence, kinds[^1]);
    }

    [Fact]
    public void Push_SenderJumpsFarAhead_Resynchronises()
    {
        JitterBuffer jb = Create(minMs: 20);
        jb.Push(100, Payload(100));
        Assert.Equal((JitterFrameKind.Packet, 100), Pop(jb));
        jb.Push(30000, Payload(30000));
        Assert.Equal((JitterFrameKind.Packet, 30000), Pop(jb));
    }

    [Fact]
    public void Pop_TooDeep_DiscardsOldestToReduceLatency()
    {
        JitterBuffer jb = Create(minMs: 20);
        for (ushort s = 0; s < 10; s++)
        {
            jb.Push(s, Payload(s));
        }

        Assert.Equal((JitterFrameKind.Packet, 1), Pop(jb));
        Assert.Equal(1, jb.GetStatistics().Discarded);
    }

    [Fact]
    public void EnsureCovers_FortyMsJitter_RaisesTargetWithinMaximum()
    {
        JitterBuffer jb = Create(minMs: 20, maxMs: 200);
        jb.EnsureCovers(TimeSpan.FromMilliseconds(40));
        Assert.Equal(TimeSpan.FromMilliseconds(140), jb.TargetDepth);
        jb.EnsureCovers(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromMilliseconds(200), jb.TargetDepth);
    }
}
