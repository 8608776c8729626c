namespace CallSync.Testing.Rtp;

/// <summary>The header state of a stream being built: source, sequence, timestamp base, pending marker.</summary>
internal sealed class RtpSendState(RtpCodec codec, Random random, IReadOnlyList<uint> csrcs, RtpHeaderExtension? extension)
{
    private readonly List<RtpPacket> _packets = [];
    private uint _ssrc = (uint)random.NextInt64(1, uint.MaxValue);
    private ushort _sequence = (ushort)random.Next(0, 0x8000); // RFC 3550: a random start, low enough not to wrap at once
    private uint _timestampBase = (uint)random.NextInt64(0, uint.MaxValue);
    private bool _marker = true;

    public IReadOnlyList<RtpPacket> Packets => _packets;

    /// <summary>Sends a packet whose audio starts at sample <paramref name="sample"/> of the stream.</summary>
    public void Send(int payloadType, byte[] payload, long sample, int samples)
    {
        _packets.Add(new RtpPacket
        {
            PayloadType = payloadType,
            SequenceNumber = _sequence++,
            Timestamp = unchecked(_timestampBase + Ticks(sample)),
            Ssrc = _ssrc,
            Marker = _marker && samples > 0,
            Csrcs = csrcs,
            Extension = extension,
            Payload = payload,
            SendTime = TimeSpan.FromTicks(sample * TimeSpan.TicksPerSecond / codec.SampleRate),
        });
        if (samples > 0)
        {
            _marker = false;
        }
    }

    /// <summary>The next audio packet begins a talkspurt (marker bit).</summary>
    public void StartTalkspurt() => _marker = true;

    public void NewSource(long sample)
    {
        var previous = _ssrc;
        while (_ssrc == previous)
        {
            _ssrc = (uint)random.NextInt64(1, uint.MaxValue);
        }

        _sequence = (ushort)random.Next(0, 0x8000);
        _timestampBase = unchecked((uint)random.NextInt64(0, uint.MaxValue) - Ticks(sample));
        _marker = true;
    }

    public void JumpSequence(int by) => _sequence = unchecked((ushort)(_sequence + by));

    public void JumpTimestamp(uint by) => _timestampBase = unchecked(_timestampBase + by);

    /// <summary>RTP clock ticks for a sample offset (G.722: half the samples, RFC 3551).</summary>
    private uint Ticks(long sample) => unchecked((uint)(sample * codec.ClockRate / codec.SampleRate));
}
