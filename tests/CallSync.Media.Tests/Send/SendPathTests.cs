using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Send;

/// <summary>What the session sends follows the peer's a=ptime/a=maxptime and, for Opus, its fmtp.</summary>
[Trait("Category", "Interop")]
public sealed class SendPathTests
{
    private const int Rate = 16000;
    private const double MicHz = 400;

    private static async Task<(List<SentPacket> Packets, List<int> PerPeriod)> SendAsync(MediaCodecChoice choice, int periods = 60, Func<int, bool>? toneAt = null, Action<ReceiveHarness, int>? beforePeriod = null)
    {
        await using ReceiveHarness h = ReceiveHarness.Start(choice, Rate);
        var mic = new short[Rate / 50];
        long index = 0;
        h.Run([], periods, p => beforePeriod?.Invoke(h, p), p =>
        {
            Signal.Tone(mic, Rate, MicHz, 8000, ref index);
            if (toneAt is not null && !toneAt(p))
            {
                Array.Clear(mic);
            }

            return mic;
        });
        return (h.Sent.Select(SentPacket.Read).ToList(), [.. h.SentPerPeriod]);
    }

    private static void AssertContinuous(List<SentPacket> packets, int unitsPerPacket)
    {
        Assert.True(packets[0].Marker, "first packet marked");
        Assert.All(packets.Skip(1), p => Assert.False(p.Marker));
        for (int i = 1; i < packets.Count; i++)
        {
            Assert.Equal((ushort)(packets[i - 1].Sequence + 1), packets[i].Sequence);
            Assert.Equal(unchecked(packets[i - 1].Timestamp + (uint)unitsPerPacket), packets[i].Timestamp);
        }
    }

    [Theory]
    [InlineData(10, null, 10)]
    [InlineData(20, null, 20)]
    [InlineData(30, null, 30)]
    [InlineData(40, null, 40)]
    [InlineData(60, null, 60)]
    [InlineData(25, null, 25)]
    [InlineData(60, 40, 40)]
    [InlineData(null, null, 20)]
    [InlineData(5, null, 10)]
    public async Task OnFrame_G711_SendsPacketsOfTheNegotiatedPacketTime(int? ptime, int? maxptime, int expectedMs)
    {
        var choice = new MediaCodecChoice(AudioCodec.Pcmu, 0, null)
        {
            PacketTime = ptime is int p ? TimeSpan.FromMilliseconds(p) : null,
            MaxPacketTime = maxptime is int m ? TimeSpan.FromMilliseconds(m) : null,
        };
        (List<SentPacket> packets, List<int> perPeriod) = await SendAsync(choice);

        Assert.Equal(60 * 20 / expectedMs, packets.Count);
        Assert.All(packets, p => Assert.Equal(expectedMs * 8, p.Payload.Length));
        AssertContinuous(packets, expectedMs * 8);
        if (expectedMs == 10)
        {
            Assert.All(perPeriod, c => Assert.Equal(2, c)); // two packets every 20 ms period
        }

        // sox decodes what we sent: the microphone's tone.
        short[] decoded = ForeignG711.Decode(packets.SelectMany(p => p.Payload).ToArray(), aLaw: false);
        Assert.True(Signal.Db(Signal.Goertzel(decoded, 8000, MicHz), Signal.Goertzel(decoded, 8000, MicHz * 1.7)) > 30);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(60)]
    public async Task OnFrame_G722_SendsBytesOfEightKilohertzClockUnitsThatFfmpegDecodesToTheMicrophone(int ptime)
    {
        var choice = new MediaCodecChoice(AudioCodec.G722, 9, null) { PacketTime = TimeSpan.FromMilliseconds(ptime) };
        (List<SentPacket> packets, _) = await SendAsync(choice);

        Assert.Equal(60 * 20 / ptime, packets.Count);
        Assert.All(packets, p => Assert.Equal(ptime * 8, p.Payload.Length)); // 16 kHz audio, one byte per sample pair
        AssertContinuous(packets, ptime * 8); // RFC 3551 4.5.2: the clock runs at 8000

        short[] decoded = ForeignG722.Decode(packets.SelectMany(p => p.Payload).ToArray());
        Assert.Equal(packets.Count * ptime * 16, decoded.Length);
        short[] tail = decoded[(decoded.Length / 3)..];
        Assert.True(Signal.Db(Signal.Goertzel(tail, 16000, MicHz), Signal.Goertzel(tail, 16000, MicHz * 1.7)) > 30);
    }

    [Theory]
    [InlineData(2.5, null, 2.5)]
    [InlineData(5.0, null, 5.0)]
    [InlineData(10.0, null, 10.0)]
    [InlineData(20.0, null, 20.0)]
    [InlineData(40.0, null, 40.0)]
    [InlineData(60.0, null, 60.0)]
    [InlineData(30.0, null, 20.0)]
    [InlineData(60.0, 20.0, 20.0)]
    public async Task OnFrame_Opus_SendsTheLongestFrameDurationThatFits(double ptime, double? maxptime, double expectedMs)
    {
        var choice = new MediaCodecChoice(AudioCodec.Opus, 111, null)
        {
            PacketTime = TimeSpan.FromMilliseconds(ptime),
            MaxPacketTime = maxptime is double m ? TimeSpan.FromMilliseconds(m) : null,
        };
        (List<SentPacket> packets, _) = await SendAsync(choice);

        int units = (int)(expectedMs * 48);
        Assert.Equal((int)(60 * 20 / expectedMs), packets.Count);
        Assert.All(packets, p => Assert.Equal(units, ForeignOpus.Samples48k(p.Payload)));
        AssertContinuous(packets, units);
        Assert.All(packets, p => Assert.Equal(0, p.Payload[0] & 0x04)); // TOC s bit: mono

        short[] decoded = ForeignOpus.Decode(packets.Select(p => p.Payload), 16000);
        short[] tail = decoded[(decoded.Length / 3)..];
        Assert.True(Signal.Db(Signal.Goertzel(tail, 16000, MicHz), Signal.Goertzel(tail, 16000, MicHz * 1.7)) > 25);
    }

    [Fact]
    public async Task OnFrame_OpusMaxPlaybackRate8000_EveryPacketNarrowband()
    {
        var choice = new MediaCodecChoice(AudioCodec.Opus, 111, null) { Opus = new OpusParameters { MaxPlaybackRate = 8000, Stereo = true } };
        (List<SentPacket> packets, _) = await SendAsync(choice);

        // RFC 6716 3.1: TOC configurations 0-3 (SILK) and 16-19 (CELT) are narrowband.
        Assert.All(packets, p => Assert.True(p.Payload[0] >> 3 is (>= 0 and <= 3) or (>= 16 and <= 19), $"TOC config {p.Payload[0] >> 3}"));
        Assert.All(packets, p => Assert.Equal(0, p.Payload[0] & 0x04)); // stereo=1 allows the mono we send
    }

    [Fact]
    public async Task OnFrame_OpusMaxAverageBitrate_CapsWhatIsSent()
    {
        var capped = new MediaCodecChoice(AudioCodec.Opus, 111, null) { Opus = new OpusParameters { MaxAverageBitrate = 10000 } };
        var free = new MediaCodecChoice(AudioCodec.Opus, 111, null) { Opus = new OpusParameters() };
        (List<SentPacket> cappedPackets, _) = await SendAsync(capped, 150);
        (List<SentPacket> freePackets, _) = await SendAsync(free, 150);

        double Bitrate(List<SentPacket> packets) => packets.Skip(10).Sum(p => p.Payload.Length) * 8.0 / ((packets.Count - 10) * 0.02);
        Assert.InRange(Bitrate(cappedPackets), 1000, 10000 * 1.15);
        Assert.True(Bitrate(freePackets) > 18000, $"uncapped {Bitrate(freePackets):F0} bit/s");
    }

    [Fact]
    public async Task OnFrame_OpusUseDtx_SilenceNotSentNextTalkspurtMarked()
    {
        var choice = new MediaCodecChoice(AudioCodec.Opus, 111, null) { Opus = new OpusParameters { UseDtx = true } };
        (List<SentPacket> packets, List<int> perPeriod) = await SendAsync(choice, 150, toneAt: p => p < 30 || p >= 110);

        int silentPeriodsSent = perPeriod.Skip(50).Take(55).Sum();
        Assert.True(silentPeriodsSent < 10, $"{silentPeriodsSent} packets in 55 silent periods");
        int resumed = perPeriod.Take(111).Sum();
        Assert.True(packets[resumed].Marker || packets[resumed - 1].Marker, "the talkspurt after DTX silence is marked");
    }

    [Fact]
    public async Task SendDigits_ThirtyMsPacketTime_EventPacketsEvery20MsThenAudioResumes()
    {
        var choice = new MediaCodecChoice(AudioCodec.Pcmu, 0, 101) { PacketTime = TimeSpan.FromMilliseconds(30) };
        (List<SentPacket> packets, _) = await SendAsync(choice, 60, beforePeriod: (h, p) =>
        {
            if (p == 20)
            {
                Assert.True(h.Session.SendDigits("7"));
            }
        });

        List<SentPacket> events = packets.Where(p => p.PayloadType == 101).ToList();
        Assert.True(events.Count >= 5 + 2, $"{events.Count} event packets"); // 100 ms at 20 ms, then three ends
        Assert.Single(events.Select(e => e.Timestamp).Distinct());
        Assert.True(events[0].Marker);
        Assert.Equal(3, events.Count(e => (e.Payload[1] & 0x80) != 0));
        Assert.All(events, e => Assert.Equal(7, e.Payload[0]));
        int lastEvent = packets.FindLastIndex(p => p.PayloadType == 101);
        Assert.Contains(packets.Skip(lastEvent), p => p.PayloadType == 0);
        Assert.All(packets.Where(p => p.PayloadType == 0), p => Assert.Equal(240, p.Payload.Length));
    }
}
