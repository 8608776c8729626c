namespace CallSync.Media.Dtmf;

/// <summary>
/// Reports each received telephone-event once. RFC 4733 section 2.5.2: all packets of one event carry the
/// same RTP timestamp (the event's start), and the end packet is sent three times; the first packet of a
/// new timestamp is the one reported.
/// </summary>
public sealed class DtmfReceiver
{
    private bool _haveLast;
    private uint _lastTimestamp;

    /// <summary>Returns true, with the digit, for the first packet of a new event.</summary>
    public bool TryAccept(uint rtpTimestamp, ReadOnlySpan<byte> payload, out char digit)
    {
        digit = '\0';
        if (!TelephoneEvent.TryParse(payload, out TelephoneEvent ev) || !TelephoneEvent.TryGetDigit(ev.Event, out digit))
        {
            return false;
        }

        if (_haveLast && _lastTimestamp == rtpTimestamp)
        {
            return false;
        }

        _haveLast = true;
        _lastTimestamp = rtpTimestamp;
        return true;
    }
}
