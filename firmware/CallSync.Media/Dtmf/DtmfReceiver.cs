namespace CallSync.Media.Dtmf;

/// <summary>
/// Turns received telephone-event packets into digits, each reported once with its start and duration. RFC 4733
/// section 2.5: every packet of an event carries the event's start timestamp, its duration grows, and the end
/// packet is sent three times; an event longer than the 16-bit duration field continues in segments whose
/// timestamps follow on (2.5.1.3). A digit is reported at its first end packet, or, when every end packet was
/// lost, as soon as the next event starts or <see cref="Flush"/> is called. Preallocated; not thread-safe.
/// </summary>
public sealed class DtmfReceiver
{
    private const int QueueSize = 8;
    private readonly DtmfDigit[] _ready = new DtmfDigit[QueueSize];
    private int _readyHead;
    private int _readyCount;
    private bool _haveEvent;
    private bool _reported;
    private uint _timestamp;
    private byte _code;
    private long _units;
    private long _segmentStart;
    private int _clockRate = 8000;
    private TimeSpan _offset;

    /// <summary>Accounts one telephone-event payload; false when it is not a valid DTMF event (nothing changes).</summary>
    /// <param name="rtpTimestamp">The packet's RTP timestamp (the event's, or the segment's, start).</param>
    /// <param name="payload">The 4-byte payload.</param>
    /// <param name="clockRate">The RTP clock of the event payload type.</param>
    /// <param name="offset">Arrival of this packet, from the start of media.</param>
    public bool Accept(uint rtpTimestamp, ReadOnlySpan<byte> payload, int clockRate, TimeSpan offset)
    {
        if (!TelephoneEvent.TryParse(payload, out TelephoneEvent ev) || !TelephoneEvent.TryGetDigit(ev.Event, out _))
        {
            return false;
        }

        if (!_haveEvent || rtpTimestamp != _timestamp)
        {
            bool continues = _haveEvent && !_reported && ev.Event == _code
                && unchecked(rtpTimestamp - _timestamp) == (uint)(_units - _segmentStart);
            if (continues)
            {
                _segmentStart = _units; // a long event's next segment: durations now count from here
            }
            else
            {
                Flush();
                _haveEvent = true;
                _reported = false;
                _code = ev.Event;
                _units = 0;
                _segmentStart = 0;
                _clockRate = clockRate;
                _offset = offset;
            }

            _timestamp = rtpTimestamp;
        }

        if (_reported)
        {
            return true; // a retransmitted end packet
        }

        _units = Math.Max(_units, _segmentStart + ev.Duration);
        if (ev.End)
        {
            Report();
        }

        return true;
    }

    /// <summary>Reports the event in progress, if its end was never seen.</summary>
    public void Flush()
    {
        if (_haveEvent && !_reported)
        {
            Report();
        }
    }

    /// <summary>Takes the next completed digit.</summary>
    public bool TryTake(out DtmfDigit digit)
    {
        if (_readyCount == 0)
        {
            digit = default;
            return false;
        }

        digit = _ready[_readyHead];
        _readyHead = (_readyHead + 1) % QueueSize;
        _readyCount--;
        return true;
    }

    private void Report()
    {
        _reported = true;
        TelephoneEvent.TryGetDigit(_code, out char c);
        var digit = new DtmfDigit(c, _offset, TimeSpan.FromTicks(_units * TimeSpan.TicksPerSecond / _clockRate));
        if (_readyCount == QueueSize)
        {
            // Nobody took the oldest; keep the newest.
            _readyHead = (_readyHead + 1) % QueueSize;
            _readyCount--;
        }

        _ready[(_readyHead + _readyCount) % QueueSize] = digit;
        _readyCount++;
    }
}
