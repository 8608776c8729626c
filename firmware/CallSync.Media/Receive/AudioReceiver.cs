using CallSync.Media.Audio;
using CallSync.Media.Codecs;
using CallSync.Media.Dtmf;
using CallSync.Media.Jitter;
using CallSync.Media.Rtp;
using CallSync.Media.Session;

namespace CallSync.Media.Receive;

/// <summary>
/// The receive path of one call, driven by RTP timestamps: each packet's place on a playout timeline comes from its
/// (extended, re-based) timestamp and its duration from its payload, so any packetization plays. A new source, a
/// sequence jump or a timestamp jump continues the timeline instead of counting loss; comfort noise plays at its
/// level; a gap with a packet missing is concealed (Opus FEC from the next packet where it can). Decoded audio goes
/// through a PCM FIFO from which the device pulls fixed periods. <see cref="Accept"/> runs on a network thread (or
/// the clock thread draining the socket), <see cref="Pull"/> on the clock thread; one lock serialises them.
/// Everything is preallocated: nothing allocates per packet or period.
/// </summary>
internal sealed partial class AudioReceiver
{
    /// <summary>120 ms at 48 kHz: the longest Opus packet at the highest rate libopus decodes to.</summary>
    public const int MaxDecodeSamples = 5760;

    // Taken by the receive thread (a packet), the RTCP timer (a report block) and the audio clock (a period): always by
    // spinning, since every holder keeps it for one short step and a waiting Lock allocates on the clock's thread
    // (AllocationTests: 3,672 bytes in 100 periods, Opus, about one full run in five).
    private readonly Lock _lock = new();
    private readonly PlayoutBuffer _buffer = new();
    private readonly SequenceWindow _arrived = new();
    private readonly PcmFifo _fifo = new(MaxDecodeSamples + 2048);
    private readonly short[] _pcm = new short[MaxDecodeSamples];
    private readonly ComfortNoiseGenerator _noise = new();
    private readonly DtmfReceiver _dtmf = new();
    private readonly TimeSpan _minimumDepth;
    private readonly TimeSpan _maximumDepth;

    private IVoiceDecoder? _decoder;
    private AudioCodec _codec;
    private int _clock = 8000;
    private int _rate = 8000;
    private int _granule = 1;
    private byte _voicePt;
    private byte? _cnPt;
    private byte? _eventPt;

    private RtpReceiveStatistics? _source;
    private uint _ssrc;
    private bool _haveTimeline;
    private long _seqShift;
    private long _tsShift;
    private long _highestSeq = long.MinValue;

    private ReceiveCounters _c;

    public AudioReceiver(TimeSpan minimumDepth, TimeSpan maximumDepth)
    {
        _minimumDepth = minimumDepth;
        _maximumDepth = maximumDepth < minimumDepth ? minimumDepth : maximumDepth;
    }

    /// <summary>The rate of the PCM <see cref="Pull"/> produces (the decoder's).</summary>
    public int SampleRate
    {
        get
        {
            using (SpinningGate.Hold(_lock))
            {
                return _rate;
            }
        }
    }

    /// <summary>
    /// Sets the codec. A different decoder (a codec change) starts a new timeline: the buffer, the FIFO and the source
    /// state are reset (the totals are kept). The same decoder only updates the payload types.
    /// </summary>
    public void Configure(MediaCodecChoice choice, IVoiceDecoder decoder)
    {
        using (SpinningGate.Hold(_lock))
        {
            if (!ReferenceEquals(decoder, _decoder))
            {
                FoldSource();
                _buffer.Clear();
                _arrived.Clear();
                _fifo.Clear();
                _haveTimeline = false;
                _highestSeq = long.MinValue;
                ResetPlayout();
                _decoder = decoder;
                _codec = choice.Codec;
                _clock = choice.ClockRate;
                _rate = decoder.SampleRate;

                // Concealment granularity: Opus conceals in multiples of 2.5 ms; G.722 has two samples per clock unit.
                _granule = choice.Codec == AudioCodec.Opus ? _rate / 400 : Math.Max(1, _rate / _clock);
            }

            _voicePt = choice.PayloadType;
            _eventPt = choice.TelephoneEventPayloadType;

            // Static CN (13) is CN/8000: usable with the 8000 Hz clocks even when the peer did not negotiate it.
            _cnPt = choice.ComfortNoisePayloadType ?? (_clock == 8000 ? (byte)13 : null);
        }
    }

    /// <summary>Accounts and schedules one RTP packet. Never throws on input.</summary>
    /// <param name="header">The parsed header.</param>
    /// <param name="payload">The payload (padding removed).</param>
    /// <param name="arrival">Arrival time from the start of media (jitter, DTMF offsets).</param>
    /// <param name="reason">Why the packet was not used, for Malformed and Discarded.</param>
    public ReceiveVerdict Accept(in RtpHeader header, ReadOnlySpan<byte> payload, TimeSpan arrival, out string? reason)
    {
        reason = null;
        using (SpinningGate.Hold(_lock))
        {
            PayloadKind kind = Classify(header.PayloadType);
            if (_decoder is null || kind == PayloadKind.Other)
            {
                reason = "payload type not negotiated";
                return ReceiveVerdict.UnknownPayloadType;
            }

            int units = 0;
            int frameUnits = 0;
            if (kind == PayloadKind.Voice && !PayloadDuration.TryGetUnits(_codec, payload, out units, out frameUnits, out reason))
            {
                return ReceiveVerdict.Malformed;
            }

            if (kind != PayloadKind.Voice && payload.IsEmpty)
            {
                reason = kind == PayloadKind.ComfortNoise ? "empty comfort-noise payload" : "empty telephone-event payload";
                return ReceiveVerdict.Malformed;
            }

            if (_source is null || header.Ssrc != _ssrc)
            {
                BeginSource(header.Ssrc);
            }

            RtpArrival a = _source!.Update(header.SequenceNumber, header.Timestamp, units, arrival);
            switch (a.Kind)
            {
                case RtpArrivalKind.Duplicate:
                    _c.DuplicatePackets++;
                    return ReceiveVerdict.Duplicate;
                case RtpArrivalKind.Probation:
                    _c.DiscardedPackets++;
                    reason = "sequence jump awaiting a second packet (RFC 3550 A.1)";
                    return ReceiveVerdict.Discarded;
                case RtpArrivalKind.First:
                    Anchor(a);
                    break;
                case RtpArrivalKind.Resynchronised:
                    _c.Resynchronisations++;
                    break;
            }

            long sequence = a.Sequence + _seqShift;
            long timestamp = a.Timestamp + _tsShift;
            _arrived.Mark(sequence);
            _highestSeq = Math.Max(_highestSeq, sequence);
            _c.Packets++;
            _c.Bytes += payload.Length;
            if (kind == PayloadKind.TelephoneEvent)
            {
                _dtmf.Accept(header.Timestamp, payload, _clock, arrival);
                return ReceiveVerdict.TelephoneEvent;
            }

            if (kind == PayloadKind.Voice)
            {
                _c.ReceivedTicks += Ticks(units);
            }

            return Schedule(kind, timestamp, units, frameUnits, sequence, header.Marker, payload, out reason);
        }
    }

    /// <summary>Takes the next DTMF digit completed by <see cref="Accept"/> (or by <see cref="FlushDigits"/>).</summary>
    public bool TryTakeDigit(out DtmfDigit digit)
    {
        using (SpinningGate.Hold(_lock))
        {
            return _dtmf.TryTake(out digit);
        }
    }

    /// <summary>Reports a digit whose end packets never came (at the end of media).</summary>
    public void FlushDigits()
    {
        using (SpinningGate.Hold(_lock))
        {
            _dtmf.Flush();
        }
    }

    private PayloadKind Classify(byte payloadType) =>
        payloadType == _voicePt ? PayloadKind.Voice
        : payloadType == _eventPt ? PayloadKind.TelephoneEvent
        : payloadType == _cnPt ? PayloadKind.ComfortNoise
        : PayloadKind.Other;

    private void BeginSource(uint ssrc)
    {
        FoldSource();
        _source = new RtpReceiveStatistics(_clock);
        _ssrc = ssrc;
    }

    /// <summary>Adds the ending source's A.3 counts to the call's totals.</summary>
    private void FoldSource()
    {
        if (_source is null)
        {
            return;
        }

        _c.FoldedExpected += _source.PacketsExpected;
        _c.FoldedLost += Math.Max(0, _source.PacketsLost);
        _c.FoldedLostTicks += Ticks(_source.LostUnits);
        _source = null;
    }

    /// <summary>
    /// Places a new source on the timeline: its first packet continues where the audio held or played ends, and its
    /// sequence numbers continue the previous ones, so the change neither counts loss nor opens a gap.
    /// </summary>
    private void Anchor(in RtpArrival first)
    {
        if (!_haveTimeline)
        {
            _haveTimeline = true;
            _seqShift = 0;
            _tsShift = 0;
            return;
        }

        _c.Resynchronisations++;
        _seqShift = _highestSeq + 1 - first.Sequence;
        long anchor = Math.Max(_lastPlayedEnd, _playing ? _position : long.MinValue);
        if (_buffer.Count > 0)
        {
            anchor = Math.Max(anchor, _buffer.Horizon);
        }

        _tsShift = (anchor == long.MinValue ? first.Timestamp : anchor) - first.Timestamp;
    }

    private ReceiveVerdict Schedule(PayloadKind kind, long timestamp, int units, int frameUnits, long sequence, bool marker, ReadOnlySpan<byte> payload, out string? reason)
    {
        reason = null;
        bool voiceQueued = _buffer.HasVoice;
        if (_playing && kind == PayloadKind.Voice && (marker || _comfortNoise) && !voiceQueued && _concealRun == 0)
        {
            // A talkspurt starts (marker bit, or voice after comfort noise) with nothing queued and nothing being
            // concealed: the moment to re-align the playout delay. It plays one target delay from now, whatever its
            // timestamp says, never before now.
            long desired = Math.Max(_position, _position - SamplesToUnits(_fifo.Count) + _target);
            Shift(desired - timestamp, ref timestamp);
        }
        else if (_playing && timestamp < _position)
        {
            // Some of it was due already. If nothing is queued and it continues what was played (the stream stalled or
            // paused while the buffer ran dry), delay the timeline so it plays now: inserted, not lost.
            if (!voiceQueued && timestamp >= _lastPlayedEnd && _arrived.CountMissing(_lastPlayedSeq, sequence) == 0)
            {
                Shift(_position - timestamp, ref timestamp);
                Grow(); // the buffer ran dry because the stream was late: hold more
            }
            else if (timestamp + units <= _position)
            {
                return Late(units);
            }

            // Otherwise only its start was concealed (it filled a gap late): the rest plays.
        }
        else if (!_playing && _lastPlayedEnd != long.MinValue && timestamp + units <= _lastPlayedEnd)
        {
            return Late(units);
        }

        if (!_buffer.TryAdd(timestamp, units, frameUnits, sequence, kind, payload))
        {
            _c.DiscardedPackets++;
            _c.DiscardedTicks += Ticks(units);
            reason = _buffer.Count == PlayoutBuffer.Capacity ? "playout buffer full" : "a packet with the same timestamp is queued";
            return ReceiveVerdict.Discarded;
        }

        return kind == PayloadKind.Voice ? ReceiveVerdict.Queued : ReceiveVerdict.ComfortNoise;
    }

    private ReceiveVerdict Late(int units)
    {
        CountLate(units);
        Grow();
        return ReceiveVerdict.Late;
    }

    /// <summary>Audio dropped because its time had played (concealed) already.</summary>
    private void CountLate(long units)
    {
        _c.LatePackets++;
        _c.LateTicks += Ticks(units);
        MarkRunAsHole();
    }

    /// <summary>Moves this and every later packet of the source by <paramref name="delta"/> on the timeline.</summary>
    private void Shift(long delta, ref long timestamp)
    {
        if (delta == 0)
        {
            return;
        }

        _tsShift += delta;
        timestamp += delta;
    }

    private long Ticks(long units) => units * TimeSpan.TicksPerSecond / _clock;

    private int UnitsToSamples(long units) => (int)(units * _rate / _clock);

    private long SamplesToUnits(int samples) => (long)samples * _clock / _rate;
}
