using CallSync.Media.Jitter;

namespace CallSync.Media.Receive;

/// <content>
/// Playout delay: a target from the packet duration and the measured jitter, raised after late packets (or packets
/// that came after the buffer ran dry), lowered after 10 s without either; excess delay is shed in silence first, then by dropping whole
/// packets, judged on the lowest depth over a second so a burst after a stall is not mistaken for excess.
/// </content>
internal sealed partial class AudioReceiver
{
    private long MinimumUnits => _minimumDepth.Ticks * _clock / TimeSpan.TicksPerSecond;

    private long MaximumUnits => _maximumDepth.Ticks * _clock / TimeSpan.TicksPerSecond;

    private void UpdateTarget()
    {
        _target = ComputeTarget();
        if (_holdOff > 0)
        {
            _holdOff--;
        }

        if (++_stablePeriods >= StablePeriodsBeforeShrink)
        {
            _stablePeriods = 0;
            _extra = Math.Max(0, _extra - PeriodUnits);
        }
    }

    private long ComputeTarget()
    {
        long packet = _source?.LastVoiceDuration is > 0 and int d ? d : PeriodUnits;
        long jitter = _source?.Jitter ?? 0;

        // A whole packet must be held to play continuously, rounded up to whole periods: a packet that does not end on
        // a period boundary is needed one period before it has all arrived. Three jitters cover nearly all arrivals
        // (RFC 3550 A.8 is a mean deviation).
        long held = (packet + PeriodUnits - 1) / PeriodUnits * PeriodUnits;
        long want = Math.Max(MinimumUnits, held + (3 * jitter)) + _extra;
        return Math.Clamp(want, MinimumUnits, Math.Max(MaximumUnits, packet));
    }

    /// <summary>A late packet, or one that arrived after the buffer ran dry: one period more delay (once per burst: a stall makes several).</summary>
    private void Grow()
    {
        _stablePeriods = 0;
        if (_holdOff == 0)
        {
            _holdOff = GrowHoldOffPeriods;
            _extra = Math.Min(_extra + PeriodUnits, MaximumUnits);
        }
    }

    private void TrackDepth()
    {
        if (!_playing)
        {
            _windowMin = long.MaxValue;
            _windowPeriods = 0;
            return;
        }

        long depth = BufferedUnits();
        _windowMin = Math.Min(_windowMin, depth);
        long packet = _source?.LastVoiceDuration ?? PeriodUnits;
        if (depth > MaximumUnits + packet + PeriodUnits)
        {
            Shed(depth - _target);
        }
        else if (++_windowPeriods >= ShedWindowPeriods)
        {
            if (_windowMin > _target + PeriodUnits)
            {
                Shed(_windowMin - _target);
            }

            _windowMin = long.MaxValue;
            _windowPeriods = 0;
        }
    }

    private void Shed(long excess)
    {
        while (excess > 0 && _buffer.Count > 0)
        {
            PlayoutEntry head = _buffer.Head;
            if (head.Timestamp > _position)
            {
                if (_arrived.CountMissing(_lastPlayedSeq, head.Sequence) > 0)
                {
                    return; // lost audio comes first: conceal it, do not skip it
                }

                long cut = Math.Min(excess, head.Timestamp - _position);
                _position += cut; // a shorter pause: nothing audible is lost
                excess -= cut;
                continue;
            }

            if (head.Kind != PayloadKind.Voice || head.Duration > excess)
            {
                return;
            }

            _position = head.End;
            _lastPlayedSeq = head.Sequence;
            _lastPlayedEnd = head.End;
            excess -= head.Duration;
            _c.DiscardedPackets++;
            _c.DiscardedTicks += Ticks(head.Duration);
            _buffer.RemoveHead();
        }
    }
}
