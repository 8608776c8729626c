namespace CallSync.Media.Quality;

/// <summary>
/// A simplified ITU-T G.107 E-model: R = 93.2 - Id - Ie,eff, with Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl + Bpl)
/// (random loss) and the delay impairment Id from one-way delay, mapped to a MOS (G.107 annex B); and its wideband
/// form (ITU-T G.107.1) for wideband codecs, see <see cref="EstimateWidebandMos"/>.
/// </summary>
public static class EModel
{
    /// <summary>Default R for a clean narrowband connection.</summary>
    private const double R0 = 93.2;

    /// <summary>G.107.1: the wideband scale's R for a clean connection (100 on the narrowband scale).</summary>
    private const double R0Wideband = 129;

    /// <summary>G.107.1: the factor between the wideband and the narrowband R scales (129 / 100).</summary>
    private const double WidebandScale = 1.29;

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
    public static double RFactor(double equipmentImpairment, double packetLossRobustness, double lossPercent, TimeSpan oneWayDelay) =>
        R0 - DelayImpairment(oneWayDelay) - EffectiveImpairment(equipmentImpairment, packetLossRobustness, lossPercent, 95);

    /// <summary>
    /// Estimated MOS of a wideband (50-7000 Hz) call, from the wideband E-model (ITU-T G.107.1): R,wb = 129 - Id,wb -
    /// Ie,eff,wb, with Id,wb the narrowband delay impairment times 1.29 and Ie,eff,wb = Ie,wb + (129 - Ie,wb) * Ppl /
    /// (Ppl + Bpl); the MOS is G.107 annex B's of R,wb / 1.29. On that scale a clean wideband call (R,wb 129) reads
    /// 4.5 and one with G.722's Ie,wb of 13 about 4.3; the figures compare wideband calls with each other, not with
    /// <see cref="EstimateMos"/>'s narrowband ones (the two models rate on different scales).
    /// </summary>
    /// <param name="widebandImpairment">Codec Ie,wb (G.113 appendix IV: G.722 at 64 kbit/s 13).</param>
    /// <param name="packetLossRobustness">Codec Bpl,wb for the concealment in use.</param>
    /// <param name="lossPercent">Packet loss in percent.</param>
    /// <param name="oneWayDelay">Mouth-to-ear delay.</param>
    public static double EstimateWidebandMos(double widebandImpairment, double packetLossRobustness, double lossPercent, TimeSpan oneWayDelay) =>
        MosFromR(WidebandRFactor(widebandImpairment, packetLossRobustness, lossPercent, oneWayDelay) / WidebandScale);

    /// <summary>The wideband transmission rating factor R,wb (0-129; see <see cref="EstimateWidebandMos"/>).</summary>
    public static double WidebandRFactor(double widebandImpairment, double packetLossRobustness, double lossPercent, TimeSpan oneWayDelay) =>
        R0Wideband - (WidebandScale * DelayImpairment(oneWayDelay))
        - EffectiveImpairment(widebandImpairment, packetLossRobustness, lossPercent, R0Wideband);

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

    /// <summary>Ie,eff under random loss: the codec's impairment growing towards <paramref name="ceiling"/> as loss grows.</summary>
    private static double EffectiveImpairment(double ie, double bpl, double lossPercent, double ceiling)
    {
        double ppl = Math.Clamp(lossPercent, 0, 100);
        return ie + ((ceiling - ie) * ppl / (ppl + bpl));
    }

    /// <summary>Common simplification of Id (Cole and Rosenbluth): 0.024 d + 0.11 (d - 177.3) H(d - 177.3), d in ms.</summary>
    private static double DelayImpairment(TimeSpan oneWayDelay)
    {
        double d = Math.Max(0, oneWayDelay.TotalMilliseconds);
        return (0.024 * d) + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
    }
}
