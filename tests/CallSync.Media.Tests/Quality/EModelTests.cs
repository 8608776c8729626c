using CallSync.Media.Quality;

namespace CallSync.Media.Tests.Quality;

/// <summary>
/// The wideband E-model (G.107.1) used for G.722 calls, against figures worked out by hand:
/// R,wb = 129 - 1.29 Id - Ie,eff,wb, Ie,eff,wb = Ie,wb + (129 - Ie,wb) Ppl / (Ppl + Bpl), MOS = G.107 B(R,wb / 1.29).
/// </summary>
public sealed class EModelTests
{
    [Fact]
    public void WidebandRFactor_G722CleanNoDelay_Is129MinusIeWb()
    {
        // 129 - 0 - 13.
        Assert.Equal(116, EModel.WidebandRFactor(13, 25.1, 0, TimeSpan.Zero), 6);
    }

    [Fact]
    public void EstimateWidebandMos_G722CleanNoDelay_MatchesHandComputedValue()
    {
        // R = 116 / 1.29 = 89.92248; MOS = 1 + 0.035 R + R (R - 60)(100 - R) 7e-6 = 3.14729 + 1 + 0.18981 = 4.33710.
        Assert.Equal(4.33710, EModel.EstimateWidebandMos(13, 25.1, 0, TimeSpan.Zero), 4);
    }

    [Fact]
    public void EstimateWidebandMos_TwoPercentLossAnd100Ms_MatchesHandComputedValue()
    {
        // Id = 0.024 * 100 = 2.4, times 1.29 = 3.096; Ie,eff,wb = 13 + 116 * 2 / 27.1 = 21.56089;
        // R,wb = 129 - 3.096 - 21.56089 = 104.34311; R = 80.88614; MOS = 4.057051.
        Assert.Equal(104.34311, EModel.WidebandRFactor(13, 25.1, 2, TimeSpan.FromMilliseconds(100)), 4);
        Assert.Equal(4.057051, EModel.EstimateWidebandMos(13, 25.1, 2, TimeSpan.FromMilliseconds(100)), 5);
    }

    [Fact]
    public void EstimateWidebandMos_DelayPast177Ms_AddsTheSteeperTerm()
    {
        // Id = 0.024 * 200 + 0.11 * (200 - 177.3) = 4.8 + 2.497 = 7.297; R,wb = 129 - 9.41313 - 13 = 106.58687;
        // R = 82.62548; MOS = 4.11926.
        Assert.Equal(4.11926, EModel.EstimateWidebandMos(13, 25.1, 0, TimeSpan.FromMilliseconds(200)), 4);
    }

    [Fact]
    public void EstimateWidebandMos_PerfectWidebandConnection_IsTheTopOfTheScale()
    {
        Assert.Equal(4.5, EModel.EstimateWidebandMos(0, 25.1, 0, TimeSpan.Zero), 6);
    }

    [Fact]
    public void EstimateWidebandMos_TotalLoss_IsTheBottomOfTheScale()
    {
        // Ie,eff,wb = 13 + 116 * 100 / 125.1 = 105.727; R,wb = 23.273, R = 18.042: MOS 1.19717.
        double r = (129 - (13 + (116 * 100 / 125.1))) / 1.29;
        double expected = 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
        Assert.Equal(expected, EModel.EstimateWidebandMos(13, 25.1, 100, TimeSpan.Zero), 6);
        Assert.Equal(1.19717, expected, 4);
    }

    [Fact]
    public void EstimateMos_NarrowbandFigures_Unchanged()
    {
        // G.711, 60 ms: R = 93.2 - 1.44 = 91.76; MOS = 1 + 3.2116 + 91.76 * 31.76 * 8.24 * 7e-6 = 4.37970.
        Assert.Equal(4.37970, EModel.EstimateMos(0, 25.1, 0, TimeSpan.FromMilliseconds(60)), 4);
    }
}
