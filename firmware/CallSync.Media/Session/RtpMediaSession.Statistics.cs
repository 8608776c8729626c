using CallSync.Media.Quality;
using CallSync.Media.Receive;

namespace CallSync.Media.Session;

/// <content>Statistics for the call record: packets, audio in time, and an E-model MOS of what was played.</content>
public sealed partial class RtpMediaSession
{
    /// <summary>Statistics so far.</summary>
    public MediaStatistics GetStatistics()
    {
        if (_finalStatistics is not null)
        {
            return _finalStatistics;
        }

        ReceiverSnapshot r = _receiver.Snapshot();
        double lossPercent = r.PacketsExpected > 0 ? Math.Max(0, 100.0 * r.PacketsLost / r.PacketsExpected) : 0;
        TimeSpan sentToUs = r.Received + r.Lost;
        TimeSpan missed = r.Lost + r.Late + r.Discarded;
        double effectiveLoss = sentToUs > TimeSpan.Zero ? Math.Min(100, 100.0 * missed / sentToUs) : 0;

        // E-model inputs per codec (G.113 appendix I): G.711 Ie 0, Bpl 25.1; Opus at 16-24 kbit/s about Ie 11, Bpl 20
        // and 6.5 ms look-ahead. G.722 is rated by the wideband model (G.107.1) with Ie,wb 13 (G.113 appendix IV, 64
        // kbit/s) and G.711's Bpl 25.1: its losses are concealed by the same waveform concealer (docs/media.md).
        AudioCodec codec = _media?.Choice.Codec ?? AudioCodec.Pcmu;
        (double ie, double bpl, double lookAheadMs) = codec switch
        {
            AudioCodec.Opus => (11.0, 20.0, 6.5),
            AudioCodec.G722 => (13.0, 25.1, 0.0),
            _ => (0.0, 25.1, 0.0),
        };
        TimeSpan? rtt = RoundTrip;
        TimeSpan packetTime = r.PacketTime > TimeSpan.Zero ? r.PacketTime : TimeSpan.FromMilliseconds(20);
        TimeSpan oneWay = ((rtt ?? TimeSpan.Zero) / 2) + r.PlayoutDelay + packetTime + TimeSpan.FromMilliseconds(lookAheadMs);
        RemoteReport remote = _remoteReport;
        return new MediaStatistics
        {
            PacketsSent = Interlocked.Read(ref _packetsSent),
            BytesSent = Interlocked.Read(ref _bytesSent),
            PacketsReceived = r.Packets,
            BytesReceived = r.Bytes,
            PacketsLost = r.PacketsLost,
            LossPercent = lossPercent,
            JitterMs = r.Jitter.TotalMilliseconds,
            RoundTripMs = rtt?.TotalMilliseconds,
            RemoteLossPercent = remote.Valid ? remote.FractionLost * 100.0 / 256 : null,
            RemoteCumulativeLost = remote.Valid ? remote.CumulativeLost : null,
            ConcealedFrames = r.ConcealedPeriods,
            LatePackets = r.LatePackets,
            DuplicatePackets = r.DuplicatePackets,
            DiscardedPackets = r.DiscardedPackets,
            Resynchronisations = r.Resynchronisations,
            ReceivedAudio = r.Received,
            LostAudio = r.Lost,
            LateAudio = r.Late,
            DiscardedAudio = r.Discarded,
            ConcealedAudio = r.Concealed,
            TrailingConcealment = r.Trailing,
            RecoveredAudio = r.Recovered,
            ComfortNoise = r.ComfortNoise,
            EffectiveLossPercent = effectiveLoss,
            PlayoutDelayMs = r.PlayoutDelay.TotalMilliseconds,
            SrtpAuthenticationFailures = _protection.AuthenticationFailures,
            SrtpReplays = _protection.Replays,
            Mos = codec == AudioCodec.G722
                ? EModel.EstimateWidebandMos(ie, bpl, effectiveLoss, oneWay)
                : EModel.EstimateMos(ie, bpl, effectiveLoss, oneWay),
        };
    }
}
