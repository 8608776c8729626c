using CallSync.Media.Srtp;

namespace CallSync.Media.Tests.Srtp;

/// <summary>RFC 3711 Appendix A's index guess, and the replay window it feeds.</summary>
public sealed class SrtpIndexEstimatorTests
{
    [Theory]
    [InlineData(false, 0UL, (ushort)40000, 40000UL)] // first packet: ROC 0 whatever SEQ
    [InlineData(true, 100UL, (ushort)65000, 65000UL)] // early stream: never before index 0
    [InlineData(true, 0x1_FFFEUL, (ushort)0x0001, 0x2_0001UL)] // SEQ wrapped: ROC + 1
    [InlineData(true, 0x2_0005UL, (ushort)0xFFF0, 0x1_FFF0UL)] // late packet from before the wrap: ROC - 1
    [InlineData(true, 0x2_0005UL, (ushort)0x0004, 0x2_0004UL)] // reordered inside the same ROC
    [InlineData(true, 0x2_9000UL, (ushort)0x0FFF, 0x3_0FFFUL)] // more than half a cycle behind: taken as wrapped ahead
    [InlineData(true, 0x2_9000UL, (ushort)0x1000, 0x2_1000UL)] // exactly half a cycle behind: same ROC
    public void Estimate_SequenceAroundHighestIndex_GuessesTheRoc(bool started, ulong highest, ushort sequence, ulong expected)
    {
        Assert.Equal(expected, SrtpIndexEstimator.Estimate(started, highest, sequence));
    }

    [Fact]
    public void Estimate_RocWouldPass2Pow32_ReachesTheIndexLimit()
    {
        ulong highest = (0xFFFF_FFFFUL << 16) | 0xFFF0;

        Assert.True(SrtpIndexEstimator.Estimate(true, highest, 0x0002) >= SrtpIndexEstimator.IndexLimit);
    }

    [Fact]
    public void ReplayWindow_SlidingForward_ForgetsOnlyWhatFellOut()
    {
        var window = default(SrtpReplayWindow);
        Assert.Equal(SrtpResult.Ok, window.Check(1000));
        window.Accept(1000);
        window.Accept(998);

        Assert.Equal(SrtpResult.Replayed, window.Check(1000));
        Assert.Equal(SrtpResult.Replayed, window.Check(998));
        Assert.Equal(SrtpResult.Ok, window.Check(999));

        window.Accept(1000 + 127);
        Assert.Equal(SrtpResult.Replayed, window.Check(1000));
        Assert.Equal(SrtpResult.TooOld, window.Check(999));

        window.Accept(5000);
        Assert.Equal(SrtpResult.TooOld, window.Check(1000 + 127));
        Assert.Equal(SrtpResult.Ok, window.Check(4999));
        Assert.Equal(5000UL, window.Highest);
    }

    [Fact]
    public void StreamTable_MoreSourcesThanSlots_ReusesTheLeastRecentlyUsed()
    {
        var table = new SrtpStreamTable(2);
        table.MarkReceived(1, 10);
        table.MarkReceived(2, 20);
        table.MarkReceived(1, 11); // source 1 used last

        table.MarkReceived(3, 30); // replaces source 2

        Assert.Equal(11UL, table.GetReceiveWindow(1).Highest);
        Assert.Equal(30UL, table.GetReceiveWindow(3).Highest);
        Assert.False(table.GetReceiveWindow(2).Started);
    }
}
