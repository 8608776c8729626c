using CallSync.Media.Codecs;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Codecs;

public sealed class PayloadDurationTests
{
    [Theory]
    [InlineData(AudioCodec.Pcmu, 80)]
    [InlineData(AudioCodec.Pcma, 263)]
    [InlineData(AudioCodec.G722, 160)]
    [InlineData(AudioCodec.G722, 481)]
    public void TryGetUnits_SampleCodecs_OneClockUnitPerByte(AudioCodec codec, int bytes)
    {
        Assert.True(PayloadDuration.TryGetUnits(codec, new byte[bytes], out int units, out int frame, out _));
        Assert.Equal((bytes, bytes), (units, frame));
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(20.0)]
    [InlineData(40.0)]
    [InlineData(60.0)]
    public void TryGetUnits_OpusEveryFrameDuration_MatchesLibopus(double ms)
    {
        using var encoder = new ForeignOpus(48000);
        byte[] packet = encoder.Encode(Tone((int)(ms * 48)));

        Assert.True(PayloadDuration.TryGetUnits(AudioCodec.Opus, packet, out int units, out _, out _));
        Assert.Equal((int)(ms * 48), units);
        Assert.Equal(ForeignOpus.Samples48k(packet), units);
    }

    [Theory]
    [InlineData(20.0, 2)]
    [InlineData(20.0, 3)]
    [InlineData(20.0, 6)]
    [InlineData(2.5, 4)]
    [InlineData(60.0, 2)]
    public void TryGetUnits_OpusMultiFramePackets_WholePacketAndOneFrame(double frameMs, int frames)
    {
        using var encoder = new ForeignOpus(48000);
        var single = Enumerable.Range(0, frames).Select(_ => encoder.Encode(Tone((int)(frameMs * 48)))).ToList();
        byte[] packet = ForeignOpus.Join(single);

        Assert.True(PayloadDuration.TryGetUnits(AudioCodec.Opus, packet, out int units, out int frame, out _));
        Assert.Equal((int)(frameMs * 48 * frames), units);
        Assert.Equal(ForeignOpus.Samples48k(packet), units);
        Assert.Equal(ForeignOpus.SamplesPerFrame48k(packet), frame);
    }

    [Theory]
    [InlineData(40.0)]
    [InlineData(60.0)]
    public void Encode_OurEncoderLongFramesOfDigitalSilence_PacketStillCoversTheWholeFrame(double ms)
    {
        // What a held call sends: the packet's duration must match the timestamp step.
        using var encoder = new OpusVoiceEncoder(16000);
        var packet = new byte[1500];
        int n = encoder.Encode(new short[(int)(ms * 16)], packet);

        Assert.True(PayloadDuration.TryGetUnits(AudioCodec.Opus, packet.AsSpan(0, n), out int units, out _, out _));
        Assert.Equal((int)(ms * 48), units);
    }

    private static short[] Tone(int samples) =>
        Enumerable.Range(0, samples).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 48000))).ToArray();

    [Theory]
    [InlineData(new byte[0], "empty payload")]
    [InlineData(new byte[] { 0x03, 0x00 }, "malformed Opus packet")]
    [InlineData(new byte[] { 0x1B, 0x07 }, "malformed Opus packet")] // 7 x 20 ms = 140 ms: over the 120 ms limit
    [InlineData(new byte[] { 0x01, 0x05 }, "malformed Opus packet")] // code 1 needs two equal frames: odd length
    public void TryGetUnits_InvalidPayload_FalseWithReasonNeverThrows(byte[] payload, string reason)
    {
        Assert.False(PayloadDuration.TryGetUnits(payload.Length == 0 ? AudioCodec.Pcmu : AudioCodec.Opus, payload, out int units, out _, out string? why));
        Assert.Equal(0, units);
        Assert.Equal(reason, why);
    }
}
