namespace CallSync.Media.Rtp;

/// <summary>
/// Per-source reception state of RFC 3550 appendix A: extended sequence numbers (A.1), expected and lost
/// counts with the fraction lost per report interval (A.3), and interarrival jitter (A.8). Not thread-safe:
/// the session serialises access.
/// </summary>
public sealed class RtpReceiveStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;

    private readonly int _clockRate;
    private bool _initialised;
    private ushort _maxSeq;
    private uint _cycles;
    private uint _baseSeq;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private double _jitter;
    private long _lastTransit;
    private bool _haveTransit;

    /// <summary>Creates statistics for a stream whose RTP clock runs at <paramref name="clockRate"/> Hz.</summary>
    public RtpReceiveStatistics(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        _clockRate = clockRate;
    }

    /// <summary>Packets received (duplicates included, as RFC 3550 counts them).</summary>
    public long PacketsReceived => _received;

    /// <summary>Extended highest sequence number received.</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSeq;

    /// <summary>Packets expected from the first to the highest sequence number.</summary>
    public long PacketsExpected => _initialised ? (long)ExtendedHighestSequence - _baseSeq + 1 : 0;

    /// <summary>Cumulative packets lost (expected minus received; may be negative with duplicates).</summary>
    public long PacketsLost => PacketsExpected - _received;

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public uint Jitter => (uint)_jitter;

    /// <summary>Interarrival jitter as a duration.</summary>
    public TimeSpan JitterTime => TimeSpan.FromTicks((long)(_jitter * TimeSpan.TicksPerSecond / _clockRate));

    /// <summary>
    /// Accounts one received packet. <paramref name="arrival"/> is the arrival time on any monotonic clock.
    /// Returns false when the packet is far out of sequence (a probable restart; the state is reset on the
    /// second such packet in a row, as A.1 describes).
    /// </summary>
    public bool Update(ushort sequence, uint timestamp, TimeSpan arrival)
    {
        if (!_initialised)
        {
            _initialised = true;
            _maxSeq = sequence;
            _baseSeq = sequence;
            _cycles = 0;
            _received = 1;
            UpdateJitter(timestamp, arrival);
            return true;
        }

        ushort delta = unchecked((ushort)(sequence - _maxSeq));
        if (delta < MaxDropout)
        {
            if (sequence < _maxSeq)
            {
                _cycles += 1 << 16;
            }

            _maxSeq = sequence;
        }
        else if (delta <= 65535 - MaxMisorder)
        {
            // A large jump: treat as a new start of the sequence space.
            _maxSeq = sequence;
            _baseSeq = _cycles + sequence;
            _received = 0;
            _expectedPrior = 0;
            _receivedPrior = 0;
        }

        _received++;
        UpdateJitter(timestamp, arrival);
        return true;
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

    private void UpdateJitter(uint timestamp, TimeSpan arrival)
    {
        // A.8: transit = arrival (in RTP units) - timestamp; J += (|D| - J) / 16.
        long arrivalUnits = (long)(arrival.Ticks * (double)_clockRate / TimeSpan.TicksPerSecond);
        long transit = unchecked((uint)arrivalUnits - timestamp);
        transit = unchecked((int)transit);
        if (_haveTransit)
        {
            long d = unchecked((int)(transit - _lastTransit));
            _jitter += (Math.Abs(d) - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _haveTransit = true;
    }
}
