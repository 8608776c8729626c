namespace CallSync.Media.Quality;

/// <summary>
/// A simplified ITU-T G.107 E-model: R = 93.2 - Id - Ie,eff, with Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl + Bpl)
/// (random loss) and the delay impairment Id from one-way delay, mapped to a MOS (G.107 annex B).
/// </summary>
public static class EModel
{
    /// <summary>Default R for a clean narrowband connection.</summary>
    private const double R0 = 93.2;

    /// <summary>Estimated MOS (1.0-4.5).</summary>
    /// <param name="equipmentImpairment">Codec Ie (G.113 appendix I: G.711 0, Opus about 11 at 16-24 kbit/s).</param>
    /// <param name="packetLossRobustness">Codec Bpl (G.711 with PLC 25.1, Opus about 20).</param>
    /// <param name="lossPercent">Packet loss in percent.</param>
    /// <param name="oneWayDelay">Mouth-to-ear delay: half the RTT plus jitter buffer and codec delay.</param>
    public static double EstimateMos(double equipmentImpairment, double packetLossRobustness, double lossPercent, TimeSpan oneWayDelay)
    {
        double r = RFactor(equipmentImpairment, packetLossRobustness, lossPercent, oneWayDelay);
        return MosFromR(r);
    }

    /// <summary>The transmission rating factor R.</summary>
    public static double RFactor(double equipmentImpairment, double packetLossRobustness, double lossPercent, TimeSpan oneWayDelay)
    {
        double ppl = Math.Clamp(lossPercent, 0, 100);
        double ieEff = equipmentImpairment + ((95 - equipmentImpairment) * ppl / (ppl + packetLossRobustness));
        double d = Math.Max(0, oneWayDelay.TotalMilliseconds);

        // Common simplification of Id (Cole and Rosenbluth): 0.024 d + 0.11 (d - 177.3) H(d - 177.3).
        double id = (0.024 * d) + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
        return R0 - id - ieEff;
    }

    /// <summary>G.107 annex B: MOS from R.</summary>
    public static double MosFromR(double r)
    {
        if (r <= 0)
        {
            return 1.0;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        double mos = 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
        return Math.Clamp(mos, 1.0, 4.5);
    }
}
