using CallSync.Testing.Rtp;

namespace CallSync.Testing.Tests.Rtp;

public sealed class RtpStreamBuilderTests
{
    private static readonly TimeSpan Ms30 = TimeSpan.FromMilliseconds(30);

    [Fact]
    public void Build_PcmuToneAt30Ms_ConsecutiveSequenceTimestampsBy240MarkerOnFirstOnly()
    {
        var stream = new RtpStreamBuilder(RtpCodec.Pcmu, Ms30).Tone(1000, TimeSpan.FromMilliseconds(900)).Build();

        Assert.Equal(30, stream.Packets.Count);
        Assert.All(stream.Packets, p => Assert.Equal(240, p.Payload.Length));
        for (var i = 1; i < stream.Packets.Count; i++)
        {
            Assert.Equal((ushort)(stream.Packets[0].SequenceNumber + i), stream.Packets[i].SequenceNumber);
            Assert.Equal(unchecked(stream.Packets[0].Timestamp + (uint)(240 * i)), stream.Packets[i].Timestamp);
            Assert.Equal(Ms30 * i, stream.Packets[i].SendTime);
            Assert.False(stream.Packets[i].Marker);
        }

        Assert.True(stream.Packets[0].Marker);
        Assert.Equal([new ToneSpan(TimeSpan.Zero, TimeSpan.FromMilliseconds(900), 1000)], stream.Tones);
    }

    [Fact]
    public void Build_ComfortNoiseSilence_CnPacketsEvery200MsThenATalkspurtWithMarker()
    {
        var stream = new RtpStreamBuilder(RtpCodec.Pcmu, TimeSpan.FromMilliseconds(20))
            .Tone(1000, TimeSpan.FromMilliseconds(200))
            .Silence(TimeSpan.FromMilliseconds(600), SilenceMode.ComfortNoise)
            .Tone(1000, TimeSpan.FromMilliseconds(200))
            .Build();

        var noise = stream.Packets.Where(p => p.PayloadType == RtpCodec.ComfortNoisePayloadType).ToList();
        Assert.Equal([200, 400, 600], noise.Select(p => (int)p.SendTime.TotalMilliseconds));
        Assert.All(noise, p => Assert.Equal([RtpStreamBuilder.ComfortNoiseLevel], p.Payload));
        var resumed = stream.Packets[13]; // 10 audio, 3 CN
        Assert.True(resumed.Marker);
        Assert.Equal(TimeSpan.FromMilliseconds(800), resumed.SendTime);
        Assert.Equal(unchecked(stream.Packets[0].Timestamp + 6400), resumed.Timestamp);
        Assert.Equal((ushort)(stream.Packets[0].SequenceNumber + 13), resumed.SequenceNumber);
        Assert.Equal(2, stream.Tones.Count);
    }

    [Fact]
    public void Build_NewSourceSequenceAndTimestampJumps_EachWhereThePlanSaysAndTimeRunsOn()
    {
        var stream = new RtpStreamBuilder(RtpCodec.Pcmu, TimeSpan.FromMilliseconds(20))
            .Tone(1000, TimeSpan.FromMilliseconds(100))
            .JumpSequence(1000)
            .Tone(1000, TimeSpan.FromMilliseconds(100))
            .JumpTimestamp(80_000)
            .Tone(1000, TimeSpan.FromMilliseconds(100))
            .NewSource()
            .Tone(1000, TimeSpan.FromMilliseconds(100))
            .Build();

        var p = stream.Packets;
        Assert.Equal((ushort)(p[4].SequenceNumber + 1001), p[5].SequenceNumber);
        Assert.Equal(unchecked(p[4].Timestamp + 160), p[5].Timestamp);
        Assert.Equal((ushort)(p[9].SequenceNumber + 1), p[10].SequenceNumber);
        Assert.Equal(unchecked(p[9].Timestamp + 160 + 80_000), p[10].Timestamp);
        Assert.NotEqual(p[14].Ssrc, p[15].Ssrc);
        Assert.True(p[15].Marker);
        Assert.Equal(p[0].Ssrc, p[14].Ssrc);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => TimeSpan.FromMilliseconds(20 * i)), p.Select(x => x.SendTime));
    }

    [Theory]
    [InlineData("G722", 20, 1, 160, 160)]
    [InlineData("opus", 60, 3, 2880, 0)]
    [InlineData("opus", 2.5, 1, 120, 0)]
    public void Build_WidebandAndOpus_TimestampsStepByTheRtpClock(string codec, double ptimeMs, int frames, int tsStep, int payloadBytes)
    {
        var rtpCodec = codec == "G722" ? RtpCodec.G722 : RtpCodec.Opus;
        var stream = new RtpStreamBuilder(rtpCodec, TimeSpan.FromMilliseconds(ptimeMs), frames).Tone(1000, TimeSpan.FromMilliseconds(ptimeMs * 5)).Build();

        Assert.Equal(5, stream.Packets.Count);
        Assert.Equal(unchecked(stream.Packets[0].Timestamp + (uint)(4 * tsStep)), stream.Packets[4].Timestamp);
        if (payloadBytes > 0)
        {
            Assert.All(stream.Packets, x => Assert.Equal(payloadBytes, x.Payload.Length));
        }
    }
}
