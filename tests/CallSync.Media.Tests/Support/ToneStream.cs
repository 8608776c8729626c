using CallSync.Media.Session;

namespace CallSync.Media.Tests.Support;

/// <summary>
/// An RTP stream of a steady tone (then silence) as a foreign sender would send it, at any packetization, built
/// with sox (G.711) or libopus directly (Opus) and <see cref="TestRtp"/>, never with the product's encoder or
/// writer; with the disturbances real peers produce: a new SSRC, sequence and timestamp jumps, comfort noise in
/// silences, header extensions with CSRCs and padding, loss, duplicates and late packets.
/// </summary>
internal sealed class ToneStream
{
    public AudioCodec Codec { get; init; } = AudioCodec.Pcmu;

    public byte PayloadType { get; init; }

    /// <summary>Audio per packet.</summary>
    public double PacketMs { get; init; } = 20;

    /// <summary>Opus: frames joined into each packet by the repacketizer (1 = single-frame packets).</summary>
    public int FramesPerPacket { get; init; } = 1;

    public double ToneSeconds { get; init; } = 2;

    /// <summary>Silence sent after the tone (keeps the stream going while the receiver plays out its buffer).</summary>
    public double TailSeconds { get; init; } = 0.5;

    public double Frequency { get; init; } = 1000;

    public short Amplitude { get; init; } = 8000;

    public uint Ssrc { get; init; } = 0x5EED0001;

    public ushort FirstSequence { get; init; } = 65500;

    public uint FirstTimestamp { get; init; } = 0xFFFF_0000;

    /// <summary>From this packet on: a new SSRC with its own sequence and timestamp origins.</summary>
    public int? SsrcChangeAt { get; init; }

    /// <summary>Before this packet the sequence number jumps by <see cref="SequenceJump"/>.</summary>
    public int? SequenceJumpAt { get; init; }

    public int SequenceJump { get; init; } = 1000;

    /// <summary>From this packet on the timestamp is offset by <see cref="TimestampJump"/> (sequence continuous).</summary>
    public int? TimestampJumpAt { get; init; }

    public long TimestampJump { get; init; } = 1_000_000;

    /// <summary>Every packet carries two CSRCs, a one-word header extension and three bytes of padding.</summary>
    public bool ExtensionsCsrcsAndPadding { get; init; }

    /// <summary>Tone bursts (on, off) instead of a steady tone; with <see cref="ComfortNoiseLevel"/> the silences are
    /// sent as one CN packet (PT 13) each, and the next burst starts with the marker bit.</summary>
    public (double OnMs, double OffMs)? Bursts { get; init; }

    public byte? ComfortNoiseLevel { get; init; }

    public IReadOnlySet<int> Drop { get; init; } = new HashSet<int>();

    public IReadOnlySet<int> Duplicate { get; init; } = new HashSet<int>();

    /// <summary>Extra send delay for some packets (reordering or lateness).</summary>
    public IReadOnlyDictionary<int, double> DelayMs { get; init; } = new Dictionary<int, double>();

    public double TotalMs => (ToneSeconds + TailSeconds) * 1000;

    /// <summary>Whether the tone is being sent at <paramref name="ms"/>.</summary>
    public bool ToneAt(double ms) =>
        ms < ToneSeconds * 1000 && (Bursts is not { } b || ms % (b.OnMs + b.OffMs) < b.OnMs);

    /// <summary>How long the tone is sent, in milliseconds.</summary>
    public double ToneMs => Enumerable.Range(0, (int)TotalMs).Count(ms => ToneAt(ms + 0.5));

    public List<PlannedPacket> Build()
    {
        int rate = Codec switch { AudioCodec.Opus => 48000, AudioCodec.G722 => 16000, _ => 8000 };
        int clockRate = Codec == AudioCodec.Opus ? 48000 : 8000; // G.722: 16 kHz audio on an 8000 Hz clock
        int total = (int)(TotalMs * rate / 1000);
        var pcm = new short[total];
        for (int i = 0; i < total; i++)
        {
            double ms = i * 1000.0 / rate;
            pcm[i] = ToneAt(ms) ? (short)(Amplitude * Math.Sin(2 * Math.PI * Frequency * i / rate)) : (short)0;
        }

        List<byte[]> payloads = Codec switch
        {
            AudioCodec.Opus => OpusPayloads(pcm, rate),
            AudioCodec.G722 => Split(ForeignG722.Encode(pcm)),
            _ => Split(ForeignG711.Encode(pcm, aLaw: Codec == AudioCodec.Pcma)),
        };
        int packetSamples = (int)(PacketMs * clockRate / 1000);
        var packets = new List<PlannedPacket>();
        uint ssrc = Ssrc;
        ushort seq = FirstSequence;
        long tsOffset = FirstTimestamp;
        bool inSilence = false;
        for (int k = 0; k < payloads.Count; k++)
        {
            if (k == SsrcChangeAt)
            {
                ssrc ^= 0xA5A5_0F0F;
                seq = (ushort)(seq + 20_000);
                tsOffset += 0x1234_5678;
            }

            if (k == SequenceJumpAt)
            {
                seq = (ushort)(seq + SequenceJump);
            }

            if (k == TimestampJumpAt)
            {
                tsOffset += TimestampJump;
            }

            double startMs = k * PacketMs;
            double sendAt = ((k + 1) * PacketMs) + DelayMs.GetValueOrDefault(k);
            uint ts = (uint)(tsOffset + ((long)k * packetSamples));
            bool silent = Bursts is not null && ComfortNoiseLevel is byte level && !ToneAt(startMs) && !ToneAt(startMs + PacketMs - 0.01) && startMs < ToneSeconds * 1000;
            if (silent)
            {
                if (!inSilence)
                {
                    inSilence = true;
                    packets.Add(new PlannedPacket(sendAt, TestRtp.Packet(13, seq++, ts, ssrc, [ComfortNoiseLevel!.Value]), k));
                }

                continue;
            }

            bool marker = k == 0 || inSilence;
            inSilence = false;
            if (Drop.Contains(k))
            {
                seq++;
                continue;
            }

            byte[] datagram = ExtensionsCsrcsAndPadding
                ? TestRtp.Packet(PayloadType, seq, ts, ssrc, payloads[k], marker, csrcCount: 2, extensionWords: 1, padding: 3)
                : TestRtp.Packet(PayloadType, seq, ts, ssrc, payloads[k], marker);
            seq++;
            packets.Add(new PlannedPacket(sendAt, datagram, k));
            if (Duplicate.Contains(k))
            {
                packets.Add(new PlannedPacket(sendAt, datagram, k));
            }
        }

        return packets;
    }

    /// <summary>G.711 and G.722 payloads: one byte per 8000 Hz clock unit.</summary>
    private List<byte[]> Split(byte[] encoded)
    {
        int packetSamples = (int)Math.Round(PacketMs * 8);
        var payloads = new List<byte[]>();
        for (int offset = 0; offset + packetSamples <= encoded.Length; offset += packetSamples)
        {
            payloads.Add(encoded.AsSpan(offset, packetSamples).ToArray());
        }

        return payloads;
    }

    private List<byte[]> OpusPayloads(short[] pcm, int rate)
    {
        using var encoder = new ForeignOpus(rate);
        int frameSamples = (int)(PacketMs / FramesPerPacket * rate / 1000);
        var frames = new List<byte[]>();
        for (int offset = 0; offset + frameSamples <= pcm.Length; offset += frameSamples)
        {
            frames.Add(encoder.Encode(pcm.AsSpan(offset, frameSamples)));
        }

        if (FramesPerPacket == 1)
        {
            return frames;
        }

        var packets = new List<byte[]>();
        for (int i = 0; i + FramesPerPacket <= frames.Count; i += FramesPerPacket)
        {
            packets.Add(ForeignOpus.Join(frames.GetRange(i, FramesPerPacket)));
        }

        return packets;
    }
}
