using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Receive;

/// <summary>
/// A steady 1 kHz tone sent by a foreign encoder at every packetization the codecs allow arrives whole: at least
/// 95 % of its time is played and recorded at its frequency, with nothing reported lost, late or concealed.
/// </summary>
[Trait("Category", "Interop")]
public sealed class ReceivePacketizationTests
{
    private static readonly MediaCodecChoice Pcmu = new(AudioCodec.Pcmu, 0, null);
    private static readonly MediaCodecChoice Pcma = new(AudioCodec.Pcma, 8, null);
    private static readonly MediaCodecChoice Opus = new(AudioCodec.Opus, 111, null);
    private static readonly MediaCodecChoice G722 = new(AudioCodec.G722, 9, null);

    [Theory]
    [InlineData(10, 16000)]
    [InlineData(20, 16000)]
    [InlineData(30, 16000)]
    [InlineData(40, 16000)]
    [InlineData(60, 16000)]
    [InlineData(12.5, 16000)]
    [InlineData(25, 16000)]
    [InlineData(33, 16000)]
    [InlineData(30, 8000)]
    [InlineData(60, 8000)]
    public async Task Receive_PcmuAtAnyPacketTime_TonePlayedAndRecordedWithoutLoss(double packetMs, int deviceRate)
    {
        ReceiveRun run = await ReceiveRun.RunAsync(new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, PacketMs = packetMs }, Pcmu, deviceRate);

        run.AssertToneThrough();
        run.AssertClean();
        Assert.Equal(8000, run.RecordingRate);
        Assert.True(run.Statistics.Mos >= 4.2, run.Describe());
        Assert.InRange(run.Statistics.ReceivedAudio.TotalMilliseconds, run.Stream.TotalMs - packetMs, run.Stream.TotalMs);
    }

    [Fact]
    public async Task Receive_PcmaAtForty_TonePlayedAndRecordedWithoutLoss()
    {
        ReceiveRun run = await ReceiveRun.RunAsync(new ToneStream { Codec = AudioCodec.Pcma, PayloadType = 8, PacketMs = 40 }, Pcma);

        run.AssertToneThrough();
        run.AssertClean();
    }

    [Theory]
    [InlineData(2.5, 1, 16000)]
    [InlineData(5, 1, 16000)]
    [InlineData(10, 1, 16000)]
    [InlineData(20, 1, 16000)]
    [InlineData(40, 1, 16000)]
    [InlineData(60, 1, 16000)]
    [InlineData(20, 2, 16000)]
    [InlineData(40, 2, 16000)]
    [InlineData(60, 3, 16000)]
    [InlineData(120, 6, 16000)]
    [InlineData(10, 4, 16000)]
    [InlineData(60, 1, 8000)]
    [InlineData(40, 2, 8000)]
    public async Task Receive_OpusAnyFrameDurationAndMultiFramePackets_TonePlayedAndRecordedWithoutLoss(double packetMs, int framesPerPacket, int deviceRate)
    {
        ReceiveRun run = await ReceiveRun.RunAsync(
            new ToneStream { Codec = AudioCodec.Opus, PayloadType = 111, PacketMs = packetMs, FramesPerPacket = framesPerPacket }, Opus, deviceRate);

        run.AssertToneThrough();
        run.AssertClean();
        Assert.Equal(16000, run.RecordingRate); // wideband: recorded at 16 kHz whatever the device rate

        // 120 ms packets cost 240 ms of mouth-to-ear delay before any network: the E-model rightly marks that down.
        Assert.True(run.Statistics.Mos >= (packetMs <= 60 ? 3.9 : 3.4), run.Describe());
    }

    [Theory]
    [InlineData(10, 16000)]
    [InlineData(20, 16000)]
    [InlineData(30, 16000)]
    [InlineData(40, 16000)]
    [InlineData(60, 16000)]
    [InlineData(25, 16000)]
    [InlineData(20, 8000)]
    [InlineData(30, 8000)]
    public async Task Receive_G722FromFfmpegAtAnyPacketTime_TonePlayedAndRecordedAtSixteenKilohertzWithoutLoss(double packetMs, int deviceRate)
    {
        ReceiveRun run = await ReceiveRun.RunAsync(new ToneStream { Codec = AudioCodec.G722, PayloadType = 9, PacketMs = packetMs }, G722, deviceRate);

        run.AssertToneThrough();
        run.AssertClean();
        Assert.Equal(16000, run.RecordingRate);
        Assert.InRange(run.Statistics.ReceivedAudio.TotalMilliseconds, run.Stream.TotalMs - packetMs, run.Stream.TotalMs);
        Assert.True(run.Statistics.Mos >= 4.2, run.Describe());
    }
}
