using CallSync.Media.Codecs;
using CallSync.Media.Receive;
using CallSync.Media.Rtcp;
using CallSync.Media.Rtp;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Receive;

/// <summary>The receive path on its own (no sockets): timing situations driven packet by packet and period by period.</summary>
public sealed class AudioReceiverTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Max = TimeSpan.FromMilliseconds(200);

    private static ReceiveVerdict Accept(AudioReceiver r, byte[] datagram, double arrivalMs)
    {
        Assert.True(RtpHeader.TryParse(datagram, out RtpHeader h, out _));
        return r.Accept(h, datagram.AsSpan(h.PayloadOffset, h.PayloadLength), TimeSpan.FromMilliseconds(arrivalMs), out _);
    }

    private static byte[] Pcmu(ushort seq, uint ts, int samples = 160, uint ssrc = 1, bool marker = false) =>
        TestRtp.Packet(0, seq, ts, ssrc, Enumerable.Repeat((byte)0x80, samples).ToArray(), marker);

    /// <summary>A G.722 stand-in: 16 kHz samples on the 8000 Hz clock, two samples per byte (8-bit linear, repeated).</summary>
    private sealed class TwoSamplesPerByteDecoder : IVoiceDecoder
    {
        public int SampleRate => 16000;

        public bool SupportsForwardErrorCorrection => false;

        public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
        {
            for (int i = 0; i < payload.Length; i++)
            {
                pcm[2 * i] = pcm[(2 * i) + 1] = (short)((sbyte)payload[i] * 256);
            }

            return 2 * payload.Length;
        }

        public int Conceal(Span<short> pcm)
        {
            pcm.Clear();
            return pcm.Length;
        }

        public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => Conceal(pcm);

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(25)]
    [InlineData(60)]
    public void Pull_G722ClockOfHalfTheSampleRate_EachByteIsTwoSamplesAndTheToneIsWhole(int packetMs)
    {
        var r = new AudioReceiver(Min, Max);
        r.Configure(new MediaCodecChoice(AudioCodec.G722, 9, null), new TwoSamplesPerByteDecoder());
        int bytes = packetMs * 8;
        var played = new List<short>();
        var period = new short[320];
        int sent = 0;
        for (int p = 0; p < 150; p++)
        {
            double now = (p + 1) * 20.0;
            while ((sent + 1) * packetMs <= now)
            {
                // A 1 kHz tone at 8 kHz, one byte per 8 kHz sample, for 2.4 s; then silence.
                byte[] payload = Enumerable.Range(sent * bytes, bytes).Select(i => (byte)(sbyte)(i < 8 * 2400 ? 60 * Math.Sin(2 * Math.PI * 1000 * i / 8000) : 0)).ToArray();
                Assert.Equal(ReceiveVerdict.Queued, Accept(r, TestRtp.Packet(9, (ushort)sent, (uint)(sent * bytes), 5, payload), now));
                sent++;
            }

            r.Pull(period);
            played.AddRange(period);
        }

        ReceiverSnapshot s = r.Snapshot();
        Assert.Equal(sent * packetMs, s.Received.TotalMilliseconds, 0.001);
        Assert.Equal(0, s.ConcealedPeriods);
        Assert.True(ToneMeter.PresentMs(played, 16000, 1000, 60 * 256) >= 0.95 * 2400);
    }

    [Fact]
    public void Pull_OwedPeriodsBackToBackAfterAStall_PacketsTakenInFirstNoUnderrun()
    {
        // The audio clock stalled for 60 ms: three packets waited in the socket. The session takes them in before
        // the owed periods are pulled back to back, so nothing is concealed.
        var r = new AudioReceiver(Min, Max);
        r.Configure(new MediaCodecChoice(AudioCodec.Pcmu, 0, null), new G711Decoder(aLaw: false));
        var period = new short[160];
        ushort seq = 0;
        for (int p = 0; p < 50; p++)
        {
            Accept(r, Pcmu(seq, (uint)(160 * seq)), 20 * (p + 1));
            seq++;
            r.Pull(period);
        }

        for (int i = 0; i < 3; i++)
        {
            Accept(r, Pcmu(seq, (uint)(160 * seq)), 1060);
            seq++;
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.False(r.Pull(period));
        }

        Assert.Equal(0, r.Snapshot().ConcealedPeriods);
    }

    [Fact]
    public void Accept_StreamStallsThenResumes_ConcealedHoleThenEveryPacketPlayedNoneLate()
    {
        var r = new AudioReceiver(Min, Max);
        r.Configure(new MediaCodecChoice(AudioCodec.Pcmu, 0, null), new G711Decoder(aLaw: false));
        var period = new short[160];
        for (int p = 0; p < 100; p++)
        {
            // Packets 50 and 51 are held up 40 ms in the network and arrive together with 52.
            int[] arriving = p switch { 50 or 51 => [], 52 => [50, 51, 52], _ => [p] };
            foreach (int k in arriving)
            {
                Accept(r, Pcmu((ushort)k, (uint)(160 * k)), 20 * (p + 1));
            }

            r.Pull(period);
        }

        ReceiverSnapshot s = r.Snapshot();
        Assert.Equal(2, s.ConcealedPeriods);
        Assert.Equal(0, s.LatePackets);
        Assert.Equal(0, s.DiscardedPackets);
        Assert.Equal(0, s.PacketsLost);
    }

    [Fact]
    public void TryTakeReportBlock_SequenceJumpAndNewSource_CumulativeLostOnlyForRealLoss()
    {
        var r = new AudioReceiver(Min, Max);
        r.Configure(new MediaCodecChoice(AudioCodec.Pcmu, 0, null), new G711Decoder(aLaw: false));
        var period = new short[160];
        for (int k = 0; k < 20; k++)
        {
            Accept(r, Pcmu((ushort)(k < 10 ? k : k + 1000), (uint)(160 * k)), 20 * (k + 1));
            r.Pull(period);
        }

        Assert.True(r.TryTakeReportBlock(0, 0, out RtcpReportBlock block));
        Assert.Equal((1u, 0, 0), (block.Ssrc, block.CumulativeLost, block.FractionLost));

        for (int k = 20; k < 40; k++)
        {
            if (k is 30 or 31)
            {
                continue; // really lost
            }

            Accept(r, Pcmu((ushort)(5000 + k), (uint)(99_000 + (160 * k)), ssrc: 2), 20 * (k + 1));
            r.Pull(period);
        }

        Assert.True(r.TryTakeReportBlock(0, 0, out block));
        Assert.Equal((2u, 2), (block.Ssrc, block.CumulativeLost));
        ReceiverSnapshot s = r.Snapshot();
        Assert.Equal(2, s.PacketsLost);
        Assert.Equal(40, s.Lost.TotalMilliseconds, 0.001);
        Assert.Equal(2, s.Resynchronisations); // the sequence jump and the new source
    }

    [Fact]
    public void Accept_TalkspurtAfterComfortNoise_StartsOneTargetDelayLaterWhateverItsTimestamp()
    {
        var r = new AudioReceiver(Min, Max);
        r.Configure(new MediaCodecChoice(AudioCodec.Pcmu, 0, null), new G711Decoder(aLaw: false));
        var period = new short[160];
        Accept(r, Pcmu(0, 0), 20);
        r.Pull(period);
        Accept(r, TestRtp.Packet(13, 1, 160, 1, [40]), 40);
        for (int p = 0; p < 10; p++)
        {
            r.Pull(period); // comfort noise
        }

        // The sender's clock jumped a minute ahead over the silence; the marker says a talkspurt starts.
        Accept(r, TestRtp.Packet(0, 2, 160 + (8000 * 60), 1, Enumerable.Repeat((byte)0x10, 160).ToArray(), marker: true), 240);
        int voicePeriod = -1;
        for (int p = 0; p < 10 && voicePeriod < 0; p++)
        {
            r.Pull(period);
            if (period.Any(s => Math.Abs(s) > 1000))
            {
                voicePeriod = p;
            }
        }

        Assert.InRange(voicePeriod, 0, 2);
        ReceiverSnapshot snapshot = r.Snapshot();
        Assert.Equal(0, snapshot.ConcealedPeriods);
        Assert.Equal(0, snapshot.PacketsLost);
        Assert.True(snapshot.ComfortNoise.TotalMilliseconds >= 200);
    }

    [Fact]
    public void Accept_UnknownPayloadTypeAndMalformedOpus_RejectedWithAReasonNeverThrown()
    {
        var r = new AudioReceiver(Min, Max);
        using var decoder = new OpusVoiceDecoder(16000);
        r.Configure(new MediaCodecChoice(AudioCodec.Opus, 111, 110), decoder);

        byte[] videoish = TestRtp.Packet(96, 1, 0, 1, [1, 2, 3]);
        Assert.True(RtpHeader.TryParse(videoish, out RtpHeader h, out _));
        Assert.Equal(ReceiveVerdict.UnknownPayloadType, r.Accept(h, videoish.AsSpan(h.PayloadOffset, h.PayloadLength), TimeSpan.Zero, out string? why));
        Assert.NotNull(why);

        // TOC code 3 with a frame count of 0 (RFC 6716 3.2.5): invalid.
        byte[] bad = TestRtp.Packet(111, 2, 0, 1, [0x03, 0x00]);
        Assert.True(RtpHeader.TryParse(bad, out h, out _));
        Assert.Equal(ReceiveVerdict.Malformed, r.Accept(h, bad.AsSpan(h.PayloadOffset, h.PayloadLength), TimeSpan.Zero, out why));
        Assert.Equal("malformed Opus packet", why);

        byte[] emptyEvent = TestRtp.Packet(110, 3, 0, 1, []);
        Assert.True(RtpHeader.TryParse(emptyEvent, out h, out _));
        Assert.Equal(ReceiveVerdict.Malformed, r.Accept(h, [], TimeSpan.Zero, out _));
    }
}
