using CallSync.Media.Quality;
using CallSync.Media.Rtp;

namespace CallSync.Media.Tests.Rtp;

public sealed class RtpReceiveStatisticsTests
{
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
                stats.Update(seq, ts, TimeSpan.FromMilliseconds(20 * i));
            }

            seq++;
            ts += 160;
        }

        Assert.Equal(1000, stats.PacketsExpected);
        Assert.Equal(100, stats.PacketsLost);
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
            steady.Update((ushort)i, (uint)(160 * i), TimeSpan.FromMilliseconds(20 * i));
            jittery.Update((ushort)i, (uint)(160 * i), TimeSpan.FromMilliseconds((20 * i) + (i % 2 == 0 ? 0 : 10)));
        }

        Assert.Equal(0, steady.JitterTime.TotalMilliseconds, 3);
        Assert.InRange(jittery.JitterTime.TotalMilliseconds, 9, 10.5);
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
