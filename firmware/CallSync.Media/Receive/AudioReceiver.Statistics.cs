using CallSync.Media.Session;
using CallSync.Media.Rtcp;

namespace CallSync.Media.Receive;

/// <content>Counters for the call record and the RTCP report block about the current source.</content>
internal sealed partial class AudioReceiver
{
    /// <summary>The totals so far, over every source of the call.</summary>
    public ReceiverSnapshot Snapshot()
    {
        using (SpinningGate.Hold(_lock))
        {
            long expected = _c.FoldedExpected + (_source?.PacketsExpected ?? 0);
            long lost = _c.FoldedLost + Math.Max(0, _source?.PacketsLost ?? 0);
            long lostTicks = _c.FoldedLostTicks + (_source is null ? 0 : Ticks(_source.LostUnits));
            return new ReceiverSnapshot
            {
                Packets = _c.Packets,
                Bytes = _c.Bytes,
                PacketsExpected = expected,
                PacketsLost = lost,
                LatePackets = _c.LatePackets,
                DuplicatePackets = _c.DuplicatePackets,
                DiscardedPackets = _c.DiscardedPackets,
                Resynchronisations = _c.Resynchronisations,
                ConcealedPeriods = _c.ConcealedPeriods + (_runIsHole ? _runPeriods : 0),
                Received = TimeSpan.FromTicks(_c.ReceivedTicks),
                Lost = TimeSpan.FromTicks(lostTicks),
                Late = TimeSpan.FromTicks(_c.LateTicks),
                Discarded = TimeSpan.FromTicks(_c.DiscardedTicks),
                // A run still undecided counts as what it looks like so far (it is decided when the stream shows why).
                Concealed = TimeSpan.FromTicks(_c.ConcealedTicks + (_runIsHole ? _runTicks : 0)),
                Trailing = TimeSpan.FromTicks(_c.TrailingTicks + (_runIsHole ? 0 : _runTicks)),
                Recovered = TimeSpan.FromTicks(_c.RecoveredTicks),
                ComfortNoise = TimeSpan.FromTicks(_c.ComfortNoiseTicks),
                Jitter = _source?.JitterTime ?? TimeSpan.Zero,
                PlayoutDelay = TimeSpan.FromTicks(Ticks(_target)),
                PacketTime = TimeSpan.FromTicks(Ticks(_source?.LastVoiceDuration ?? 0)),
            };
        }
    }

    /// <summary>
    /// The RFC 3550 6.4.1 report block about the current source (cumulative lost per A.3, with re-synchronisations
    /// left out), and moves the fraction-lost interval on; false before any packet.
    /// </summary>
    public bool TryTakeReportBlock(uint lastSenderReport, uint delaySinceLastSenderReport, out RtcpReportBlock block)
    {
        using (SpinningGate.Hold(_lock))
        {
            if (_source is null)
            {
                block = default;
                return false;
            }

            block = new RtcpReportBlock
            {
                Ssrc = _ssrc,
                FractionLost = _source.TakeFractionLost(),
                CumulativeLost = (int)Math.Clamp(_source.PacketsLost, -0x80_0000, 0x7F_FFFF),
                ExtendedHighestSequence = _source.ExtendedHighestSequence,
                Jitter = _source.Jitter,
                LastSenderReport = lastSenderReport,
                DelaySinceLastSenderReport = delaySinceLastSenderReport,
            };
            return true;
        }
    }
}
