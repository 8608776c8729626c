using CallSync.Media.Quality;
using CallSync.Media.Rtp;

namespace CallSync.Media.Tests.Rtp;

public sealed class RtpReceiveStatisticsTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Update_EveryTenthLostAcrossWrap_ReportsLossAndFraction()
    {
        var stats = new RtpReceiveStatistics(8000);
        ushort seq = 65000;
        uint ts = uint.MaxValue - 8000;
        for (int i = 0; i < 1000; i++)
        {
            if (i % 10 != 5)
            {
                stats.Update(seq, ts, 160, Ms(20 * i));
            }

            seq++;
            ts += 160;
        }

        Assert.Equal(1000, stats.PacketsExpected);
        Assert.Equal(100, stats.PacketsLost);
        Assert.Equal(100 * 160, stats.LostUnits);
        Assert.Equal(25, stats.TakeFractionLost()); // 10 % of 256
        Assert.Equal(0, stats.TakeFractionLost());
        Assert.Equal(65536u + ((65000u + 999) & 0xFFFF), stats.ExtendedHighestSequence);
    }

    [Fact]
    public void Update_PerfectPacing_JitterZero_AlternatingTenMs_JitterNearTen()
    {
        var steady = new RtpReceiveStatistics(8000);
        var jittery = new RtpReceiveStatistics(8000);
        for (int i = 0; i < 500; i++)
        {
            steady.Update((ushort)i, (uint)(160 * i), 160, Ms(20 * i));
            jittery.Update((ushort)i, (uint)(160 * i), 160, Ms((20 * i) + (i % 2 == 0 ? 0 : 10)));
        }

        Assert.Equal(0, steady.JitterTime.TotalMilliseconds, 3);
        Assert.InRange(jittery.JitterTime.TotalMilliseconds, 9, 10.5);
    }

    [Fact]
    public void Update_SequenceJumpsThousandWithContinuousTimestamps_ResynchronisesWithoutLoss()
    {
        var stats = new RtpReceiveStatistics(8000);
        for (int i = 0; i < 50; i++)
        {
            Assert.NotEqual(RtpArrivalKind.Resynchronised, stats.Update((ushort)(100 + i), (uint)(160 * i), 160, Ms(20 * i)).Kind);
        }

        RtpArrival jump = stats.Update(100 + 50 + 1000, 160 * 50, 160, Ms(1000));
        for (int i = 51; i < 100; i++)
        {
            stats.Update((ushort)(100 + i + 1000), (uint)(160 * i), 160, Ms(20 * i));
        }

        Assert.Equal(RtpArrivalKind.Resynchronised, jump.Kind);
        Assert.Equal(0, jump.Lost);
        Assert.Equal(150, jump.Sequence); // the logical numbering continues
        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(100, stats.PacketsExpected);
        Assert.Equal(0, stats.JitterTime.TotalMilliseconds, 3);
    }

    [Fact]
    public void Update_GapWithMatchingTimestampGap_IsLossNotAResync()
    {
        var stats = new RtpReceiveStatistics(8000);
        stats.Update(10, 0, 160, Ms(0));
        RtpArrival after = stats.Update(14, 4 * 160, 160, Ms(80));

        Assert.Equal(RtpArrivalKind.InOrder, after.Kind);
        Assert.Equal(3, after.Lost);
        Assert.Equal(3, stats.PacketsLost);
        Assert.Equal(3 * 160, stats.LostUnits);
    }

    [Fact]
    public void Update_SequenceJumpAlongsideRealLoss_CountsOnlyWhatTheTimestampsMiss()
    {
        var stats = new RtpReceiveStatistics(8000);
        stats.Update(10, 0, 160, Ms(0));
        RtpArrival after = stats.Update(10 + 500, 3 * 160, 160, Ms(60)); // two packets' time missing

        Assert.Equal(RtpArrivalKind.Resynchronised, after.Kind);
        Assert.Equal(2, after.Lost);
        Assert.Equal(2, stats.PacketsLost);
    }

    [Theory]
    [InlineData(-40_000L)]
    [InlineData(8_000_000L)]
    public void Update_TimestampJumpWithContinuousSequence_ContinuesTheTimeline(long jump)
    {
        var stats = new RtpReceiveStatistics(8000);
        for (int i = 0; i < 10; i++)
        {
            stats.Update((ushort)i, (uint)(160 * i), 160, Ms(20 * i));
        }

        RtpArrival a = stats.Update(10, (uint)((160 * 10) + jump), 160, Ms(200));
        RtpArrival b = stats.Update(11, (uint)((160 * 11) + jump), 160, Ms(220));

        Assert.Equal(RtpArrivalKind.Resynchronised, a.Kind);
        Assert.Equal(1600, a.Timestamp); // where the previous packet ended
        Assert.Equal(RtpArrivalKind.InOrder, b.Kind);
        Assert.Equal(1760, b.Timestamp);
        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(0, stats.JitterTime.TotalMilliseconds, 3);
    }

    [Fact]
    public void Update_PauseWithContinuousSequence_IsSilenceNotAJump()
    {
        var stats = new RtpReceiveStatistics(8000);
        stats.Update(1, 0, 160, Ms(0));
        RtpArrival after = stats.Update(2, 8000 * 5, 160, Ms(5000)); // 5 s of DTX silence, arriving 5 s later

        Assert.Equal(RtpArrivalKind.InOrder, after.Kind);
        Assert.Equal(40000, after.Timestamp);
    }

    [Fact]
    public void Update_LargeJumpWithoutEvidence_HeldUntilASecondPacketConfirmsIt()
    {
        var stats = new RtpReceiveStatistics(8000);
        stats.Update(1000, 0, 160, Ms(0));
        stats.Update(1001, 160, 160, Ms(20));

        // RFC 3550 A.1: a jump beyond MaxDropout whose timestamps also jumped: believed only after the next in sequence.
        Assert.Equal(RtpArrivalKind.Probation, stats.Update(40000, 900_000, 160, Ms(40)).Kind);
        RtpArrival confirmed = stats.Update(40001, 900_160, 160, Ms(60));

        Assert.Equal(RtpArrivalKind.Resynchronised, confirmed.Kind);
        Assert.Equal(1002, confirmed.Sequence);
        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(3, stats.PacketsReceived);
    }

    [Fact]
    public void Update_DuplicatesAndReordering_CountedOnceNeverAsLoss()
    {
        var stats = new RtpReceiveStatistics(8000);
        stats.Update(1, 0, 160, Ms(0));
        stats.Update(3, 320, 160, Ms(40));
        Assert.Equal(1, stats.PacketsLost);
        Assert.Equal(RtpArrivalKind.Reordered, stats.Update(2, 160, 160, Ms(45)).Kind);
        Assert.Equal(RtpArrivalKind.Duplicate, stats.Update(2, 160, 160, Ms(46)).Kind);
        Assert.Equal(RtpArrivalKind.Duplicate, stats.Update(3, 320, 160, Ms(47)).Kind);

        Assert.Equal(0, stats.PacketsLost);
        Assert.Equal(0, stats.LostUnits);
        Assert.Equal(3, stats.PacketsReceived);
    }

    [Fact]
    public void EstimateMos_CleanG711_AboveFourAndLossLowersIt()
    {
        double clean = EModel.EstimateMos(0, 25.1, 0, TimeSpan.FromMilliseconds(60));
        double lossy = EModel.EstimateMos(0, 25.1, 5, TimeSpan.FromMilliseconds(60));
        double slow = EModel.EstimateMos(0, 25.1, 0, TimeSpan.FromMilliseconds(400));
        Assert.InRange(clean, 4.2, 4.5);
        Assert.InRange(lossy, 3.0, clean - 0.3);
        Assert.InRange(slow, 1.0, clean - 0.5);
    }
}
