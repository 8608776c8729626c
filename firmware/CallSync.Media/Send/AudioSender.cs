using CallSync.Media.Codecs;
using CallSync.Media.Dtmf;
using CallSync.Media.Rtp;

namespace CallSync.Media.Send;

/// <summary>
/// The send path of one call: device periods of PCM (at the encoder's rate) go into a FIFO, and packets of the
/// negotiated duration come out, each with the RTP timestamp of its first sample. A 10 ms packet time gives two
/// packets per 20 ms period, 30 ms one packet in two periods out of three, 60 ms one in three. DTMF events (RFC
/// 4733) replace audio while they last. The RTP timestamp advances by one period every period, sent or not (RFC
/// 3550 5.1). Preallocated; used from the clock thread only.
/// </summary>
internal sealed class AudioSender
{
    /// <summary>120 ms at 48 kHz plus a period: the most PCM the FIFO holds.</summary>
    private const int FifoSamples = 5760 + 960;

    private readonly short[] _fifo = new short[FifoSamples];
    private readonly DtmfSender _dtmf;
    private readonly uint _ssrc;
    private IVoiceEncoder? _encoder;
    private int _fifoCount;
    private uint _headTimestamp;
    private uint _periodTimestamp;
    private ushort _sequence;
    private bool _markNext = true;
    private int _packetSamples;
    private int _packetUnits;
    private int _periodUnits;
    private byte _payloadType;
    private byte? _eventPayloadType;
    private bool _skipDtxPackets;
    private bool _eventPending;
    private bool _eventMarker;
    private uint _eventTimestamp;
    private TelephoneEvent _event;

    public AudioSender(uint ssrc, ushort firstSequence, uint firstTimestamp, DtmfSender dtmf)
    {
        _ssrc = ssrc;
        _sequence = firstSequence;
        _periodTimestamp = firstTimestamp;
        _dtmf = dtmf;
    }

    /// <summary>The RTP timestamp of the next period (for RTCP sender reports).</summary>
    public uint Timestamp => _periodTimestamp;

    /// <summary>Audio per packet.</summary>
    public TimeSpan PacketTime { get; private set; }

    /// <summary>
    /// Sets what to send: the encoder, its RTP clock, the packet duration and payload types. Unsent PCM is dropped
    /// and the next audio packet carries the marker bit.
    /// </summary>
    /// <param name="encoder">The encoder (its rate is the rate of the PCM given to <see cref="BeginPeriod"/>).</param>
    /// <param name="clockRate">RTP clock of the codec.</param>
    /// <param name="packetTime">Audio per packet (see <see cref="PacketTimePolicy"/>).</param>
    /// <param name="payloadType">Voice payload type.</param>
    /// <param name="eventPayloadType">telephone-event payload type, or null.</param>
    /// <param name="skipDtxPackets">Do not send the 1-2 byte packets an encoder in DTX makes in silence.</param>
    public void Configure(IVoiceEncoder encoder, int clockRate, TimeSpan packetTime, byte payloadType, byte? eventPayloadType, bool skipDtxPackets)
    {
        _encoder = encoder;
        PacketTime = packetTime;
        _packetSamples = (int)(packetTime.Ticks * encoder.SampleRate / TimeSpan.TicksPerSecond);
        _packetUnits = (int)((long)_packetSamples * clockRate / encoder.SampleRate);
        _periodUnits = clockRate / 50;
        _payloadType = payloadType;
        _eventPayloadType = eventPayloadType;
        _skipDtxPackets = skipDtxPackets;
        _fifoCount = 0;
        _markNext = true;
    }

    /// <summary>
    /// Starts one device period. With <paramref name="send"/> false nothing goes out (the timestamp still advances
    /// and the next packet is marked). Then call <see cref="TryTakePacket"/> until it returns false.
    /// </summary>
    /// <param name="pcm">This period's audio at the encoder's rate.</param>
    /// <param name="send">Whether the direction sends.</param>
    /// <param name="dtmfDurationUnits">Length of a DTMF tone in clock units.</param>
    public void BeginPeriod(ReadOnlySpan<short> pcm, bool send, int dtmfDurationUnits)
    {
        uint start = _periodTimestamp;
        _periodTimestamp += (uint)_periodUnits;
        _eventPending = false;
        if (!send || _encoder is null)
        {
            _fifoCount = 0;
            _markNext = true;
            return;
        }

        if (_eventPayloadType is not null
            && _dtmf.TryNextPacket(start, _periodUnits, dtmfDurationUnits, out _event, out _eventTimestamp, out _eventMarker))
        {
            // The event replaces the audio of this period (and any partial packet before it).
            _eventPending = true;
            _fifoCount = 0;
            return;
        }

        if (_fifoCount == 0)
        {
            _headTimestamp = start;
        }

        int n = Math.Min(pcm.Length, _fifo.Length - _fifoCount);
        pcm[..n].CopyTo(_fifo.AsSpan(_fifoCount));
        _fifoCount += n;
    }

    /// <summary>Writes the next RTP packet due this period into <paramref name="destination"/>; false when none is.</summary>
    public bool TryTakePacket(Span<byte> destination, out int length)
    {
        length = 0;
        Span<byte> payload = destination[RtpHeader.FixedLength..];
        if (_eventPending)
        {
            _eventPending = false;
            _event.TryWrite(payload);
            RtpHeader.TryWriteHeader(destination, _eventMarker, _eventPayloadType!.Value, _sequence++, _eventTimestamp, _ssrc);
            length = RtpHeader.FixedLength + TelephoneEvent.Length;
            return true;
        }

        while (_encoder is not null && _packetSamples > 0 && _fifoCount >= _packetSamples)
        {
            int payloadLength = _encoder.Encode(_fifo.AsSpan(0, _packetSamples), payload);
            uint timestamp = _headTimestamp;
            _fifoCount -= _packetSamples;
            Array.Copy(_fifo, _packetSamples, _fifo, 0, _fifoCount);
            _headTimestamp += (uint)_packetUnits;
            if (_skipDtxPackets && payloadLength <= 2)
            {
                _markNext = true; // RFC 7587 3.1.3: DTX silence is not sent; the next talkspurt is marked
                continue;
            }

            RtpHeader.TryWriteHeader(destination, _markNext, _payloadType, _sequence++, timestamp, _ssrc);
            _markNext = false;
            length = RtpHeader.FixedLength + payloadLength;
            return true;
        }

        return false;
    }
}
