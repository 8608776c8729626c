using CallSync.Media.Jitter;

namespace CallSync.Media.Rtp;

/// <summary>
/// Per-source reception state of RFC 3550 appendix A: extended sequence numbers (A.1), expected and lost counts
/// with the fraction lost per report interval (A.3), interarrival jitter (A.8). Timestamps are used as evidence: a
/// sequence gap whose timestamps show continuous audio (a sender that renumbered) re-synchronises instead of
/// counting loss, and a timestamp jump (backwards, or far from the arrival times) is re-based so the stream's
/// timeline continues. Not thread-safe: the receiver serialises access. Nothing allocates per packet.
/// </summary>
public sealed class RtpReceiveStatistics
{
    /// <summary>A.1: a forward jump of this many or more is not an in-order gap.</summary>
    public const int MaxDropout = 3000;

    /// <summary>A.1: packets this far behind the highest are reordered or duplicates.</summary>
    public const int MaxMisorder = 100;

    /// <summary>
    /// A timestamp advance that differs from the arrival-time advance by more than this is a jump, not a pause
    /// (comfortably above any jitter and scheduling stall, far below a real jump's seconds).
    /// </summary>
    public static readonly TimeSpan TimestampJumpTolerance = TimeSpan.FromMilliseconds(500);

    private readonly int _clockRate;
    private readonly SequenceWindow _seen = new();
    private bool _initialised;
    private ushort _maxSeq;
    private long _cycles;
    private long _seqAdjust;
    private long _logicalMax;
    private long _base;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _maxExtTs;
    private long _tsAdjust;
    private TimeSpan _maxArrival;
    private int _maxDuration;
    private int _badSeq = -1;
    private long _lostUnits;
    private double _jitter;
    private long _lastTransit;
    private bool _haveTransit;

    /// <summary>Creates statistics for a stream whose RTP clock runs at <paramref name="clockRate"/> Hz.</summary>
    public RtpReceiveStatistics(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        _clockRate = clockRate;
    }

    /// <summary>Packets received (duplicates and probation drops excluded).</summary>
    public long PacketsReceived => _received;

    /// <summary>Extended highest sequence number received, as the sender numbers it (for RTCP report blocks).</summary>
    public uint ExtendedHighestSequence => (uint)(_cycles + _maxSeq);

    /// <summary>Packets expected: from the first to the highest, re-synchronisation jumps left out.</summary>
    public long PacketsExpected => _initialised ? _logicalMax - _base + 1 : 0;

    /// <summary>Cumulative packets lost (expected minus received).</summary>
    public long PacketsLost => PacketsExpected - _received;

    /// <summary>Audio lost, in RTP clock units: each lost packet counted with the duration of the packet before the gap.</summary>
    public long LostUnits => Math.Max(0, _lostUnits);

    /// <summary>Duration of the latest in-order voice packet, in RTP clock units (0 before the first).</summary>
    public int LastVoiceDuration { get; private set; }

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public uint Jitter => (uint)_jitter;

    /// <summary>Interarrival jitter as a duration.</summary>
    public TimeSpan JitterTime => TimeSpan.FromTicks((long)(_jitter * TimeSpan.TicksPerSecond / _clockRate));

    /// <summary>
    /// Accounts one packet.
    /// </summary>
    /// <param name="sequence">Its sequence number.</param>
    /// <param name="timestamp">Its RTP timestamp.</param>
    /// <param name="durationUnits">The audio it carries in clock units; 0 for packets without audio of their own
    /// (comfort noise, telephone events), which give no timing evidence and are left out of the jitter.</param>
    /// <param name="arrival">Arrival time on any monotonic clock.</param>
    public RtpArrival Update(ushort sequence, uint timestamp, int durationUnits, TimeSpan arrival)
    {
        if (!_initialised)
        {
            Start(sequence, timestamp, durationUnits, arrival);
            return new RtpArrival(RtpArrivalKind.First, _logicalMax, _maxExtTs, 0);
        }

        ushort delta = unchecked((ushort)(sequence - _maxSeq));
        long extTs = _maxExtTs + unchecked((int)(timestamp - (uint)_maxExtTs));
        if (delta == 0)
        {
            return new RtpArrival(RtpArrivalKind.Duplicate, _logicalMax, extTs + _tsAdjust, 0);
        }

        if (delta < MaxDropout)
        {
            return Advance(sequence, delta, extTs, durationUnits, arrival);
        }

        if (delta <= ushort.MaxValue - MaxMisorder)
        {
            // A.1: a very large jump. Timestamps that continue the stream are proof enough; otherwise wait for a
            // second packet in sequence after it before believing the sender restarted.
            bool continuous = _maxDuration > 0 && !IsTimestampJump(extTs - _maxExtTs, arrival);
            if (continuous || sequence == _badSeq)
            {
                return Restart(sequence, extTs, durationUnits, arrival, rebaseTimestamp: !continuous);
            }

            _badSeq = (sequence + 1) & 0xFFFF;
            return new RtpArrival(RtpArrivalKind.Probation, _logicalMax, extTs + _tsAdjust, 0);
        }

        // Behind the highest: reordered, or a duplicate of an older packet.
        long logical = _cycles + _maxSeq - (ushort.MaxValue + 1 - delta) + _seqAdjust;
        if (!_seen.Mark(logical))
        {
            return new RtpArrival(RtpArrivalKind.Duplicate, logical, extTs + _tsAdjust, 0);
        }

        _base = Math.Min(_base, logical);
        _received++;
        _lostUnits -= durationUnits; // it was counted lost when the gap opened
        return new RtpArrival(RtpArrivalKind.Reordered, logical, extTs + _tsAdjust, 0);
    }

    /// <summary>
    /// The fraction lost since the previous call (A.3), in 1/256 units, and moves the interval on.
    /// </summary>
    public byte TakeFractionLost()
    {
        long expected = PacketsExpected;
        long expectedInterval = expected - _expectedPrior;
        _expectedPrior = expected;
        long receivedInterval = _received - _receivedPrior;
        _receivedPrior = _received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0)
        {
            return 0;
        }

        return (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }

    private void Start(ushort sequence, uint timestamp, int durationUnits, TimeSpan arrival)
    {
        _initialised = true;
        _maxSeq = sequence;
        _cycles = 0;
        _seqAdjust = 0;
        _logicalMax = sequence;
        _base = sequence;
        _received = 1;
        _maxExtTs = timestamp;
        _tsAdjust = 0;
        _seen.Clear();
        _seen.Mark(_logicalMax);
        Accept(durationUnits, arrival);
    }

    private RtpArrival Advance(ushort sequence, ushort delta, long extTs, int durationUnits, TimeSpan arrival)
    {
        long gap = delta - 1;
        long lost = gap;
        bool resync = false;
        long tau = extTs - _maxExtTs;
        if (_maxDuration > 0 && tau >= 0 && gap > 0)
        {
            // Each lost packet would have advanced the timestamp by about one packet's duration. Fewer than that
            // (a packet that starts where the previous one ended, above all): the sequence numbers jumped further
            // than the audio did, and only the timestamp gap is loss.
            long lostByTimestamp = ((tau + _maxDuration - 1) / _maxDuration) - 1;
            if (lostByTimestamp < gap)
            {
                lost = Math.Max(0, lostByTimestamp);
                _seqAdjust -= gap - lost;
                resync = true;
            }
        }

        long previousEnd = _maxExtTs + _tsAdjust + _maxDuration;
        if (IsTimestampJump(tau, arrival))
        {
            // The timeline jumped (backwards, or far from what the arrival times show): continue it from the previous packet's end.
            _tsAdjust = previousEnd - extTs;
            resync = true;
        }

        long rawExt = _cycles + _maxSeq + delta;
        _cycles = rawExt - sequence;
        _maxSeq = sequence;
        _logicalMax = rawExt + _seqAdjust;
        _maxExtTs = extTs;
        _lostUnits += lost * Math.Max(_maxDuration, LastVoiceDuration);
        _received++;
        _seen.Mark(_logicalMax);
        _badSeq = -1;
        Accept(durationUnits, arrival);
        return new RtpArrival(resync ? RtpArrivalKind.Resynchronised : RtpArrivalKind.InOrder, _logicalMax, extTs + _tsAdjust, lost);
    }

    private RtpArrival Restart(ushort sequence, long extTs, int durationUnits, TimeSpan arrival, bool rebaseTimestamp)
    {
        // Continue the logical numbering right after the highest packet: the jump itself is not loss.
        _seqAdjust = _logicalMax + 1 - sequence;
        _cycles = 0;
        _maxSeq = sequence;
        _logicalMax = sequence + _seqAdjust;
        if (rebaseTimestamp)
        {
            _tsAdjust = _maxExtTs + _tsAdjust + _maxDuration - extTs;
        }

        _maxExtTs = extTs;
        _received++;
        _seen.Mark(_logicalMax);
        _badSeq = -1;
        Accept(durationUnits, arrival);
        return new RtpArrival(RtpArrivalKind.Resynchronised, _logicalMax, extTs + _tsAdjust, 0);
    }

    private bool IsTimestampJump(long tau, TimeSpan arrival)
    {
        if (tau < 0)
        {
            return true;
        }

        TimeSpan byTimestamp = TimeSpan.FromTicks(tau * TimeSpan.TicksPerSecond / _clockRate);
        return (byTimestamp - (arrival - _maxArrival)).Duration() > TimestampJumpTolerance;
    }

    private void Accept(int durationUnits, TimeSpan arrival)
    {
        _maxArrival = arrival;
        _maxDuration = durationUnits;
        if (durationUnits <= 0)
        {
            return;
        }

        LastVoiceDuration = durationUnits;

        // A.8: transit = arrival (in RTP units) - timestamp; J += (|D| - J) / 16. The logical timestamp is
        // continuous across jumps, so a re-synchronisation does not show up as jitter.
        long arrivalUnits = (long)(arrival.Ticks * (double)_clockRate / TimeSpan.TicksPerSecond);
        long transit = arrivalUnits - (_maxExtTs + _tsAdjust);
        if (_haveTransit)
        {
            long d = transit - _lastTransit;
            _jitter += (Math.Abs(d) - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _haveTransit = true;
    }
}
