namespace CallSync.Media.Dtmf;

/// <summary>
/// Produces the RFC 4733 packet sequence for queued digits, one call per 20 ms frame: a first packet with
/// the marker bit, updates with growing duration, then the end packet three times (section 2.5.1.4).
/// Fixed-size queue; nothing allocates.
/// </summary>
public sealed class DtmfSender
{
    private const int QueueSize = 32;
    private const int EndRepeats = 3;
    private readonly char[] _queue = new char[QueueSize];
    private readonly Lock _lock = new();
    private int _head;
    private int _tail;
    private bool _active;
    private byte _event;
    private int _elapsed;
    private int _target;
    private int _endSent;
    private uint _startTimestamp;

    /// <summary>True while a digit is being sent (audio must not be sent in the same frame).</summary>
    public bool IsActive
    {
        get
        {
            lock (_lock)
            {
                return _active || _head != _tail;
            }
        }
    }

    /// <summary>Queues a digit; false when it is not a DTMF character or the queue is full.</summary>
    public bool Enqueue(char digit)
    {
        if (!TelephoneEvent.TryGetEventCode(digit, out _))
        {
            return false;
        }

        lock (_lock)
        {
            int next = (_tail + 1) % QueueSize;
            if (next == _head)
            {
                return false;
            }

            _queue[_tail] = digit;
            _tail = next;
            return true;
        }
    }

    /// <summary>
    /// Produces this frame's event packet, if any. <paramref name="timestamp"/> is the RTP timestamp of this
    /// frame; <paramref name="frameUnits"/> the frame length and <paramref name="durationUnits"/> the tone
    /// length in RTP clock units.
    /// </summary>
    public bool TryNextPacket(uint timestamp, int frameUnits, int durationUnits, out TelephoneEvent packet, out uint eventTimestamp, out bool marker)
    {
        packet = default;
        eventTimestamp = 0;
        marker = false;
        lock (_lock)
        {
            if (!_active)
            {
                if (_head == _tail)
                {
                    return false;
                }

                TelephoneEvent.TryGetEventCode(_queue[_head], out _event);
                _head = (_head + 1) % QueueSize;
                _active = true;
                _elapsed = 0;
                _endSent = 0;
                _target = Math.Min(durationUnits, ushort.MaxValue);
                _startTimestamp = timestamp;
                marker = true;
            }

            _elapsed = Math.Min(_elapsed + frameUnits, _target);
            bool end = _elapsed >= _target;
            if (end)
            {
                _endSent++;
            }

            packet = new TelephoneEvent { Event = _event, End = end, Volume = 10, Duration = (ushort)_elapsed };
            eventTimestamp = _startTimestamp;
            if (_endSent >= EndRepeats)
            {
                _active = false;
            }

            return true;
        }
    }
}
