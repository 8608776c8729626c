using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Receive;

/// <summary>
/// What real peers do to a stream that is not loss: a new SSRC, sequence and timestamp jumps, comfort noise in the
/// silences, header extensions with CSRCs and padding. The audio stays continuous, nothing is reported lost and the
/// MOS is that of the same stream without the disturbance.
/// </summary>
[Trait("Category", "Interop")]
public sealed class ReceiveDisturbanceTests
{
    private static readonly MediaCodecChoice Pcmu = new(AudioCodec.Pcmu, 0, null);
    private static readonly MediaCodecChoice Opus = new(AudioCodec.Opus, 111, null);

    private static async Task<(ReceiveRun Run, double ReferenceMos)> RunAgainstReferenceAsync(ToneStream disturbed, MediaCodecChoice choice)
    {
        var reference = new ToneStream { Codec = disturbed.Codec, PayloadType = disturbed.PayloadType, PacketMs = disturbed.PacketMs };
        ReceiveRun clean = await ReceiveRun.RunAsync(reference, choice);
        clean.AssertClean();
        return (await ReceiveRun.RunAsync(disturbed, choice), clean.Statistics.Mos);
    }

    private static void AssertUndisturbed(ReceiveRun run, double referenceMos, int resynchronisations)
    {
        run.AssertToneThrough();
        run.AssertClean();
        Assert.True(run.Statistics.Mos >= referenceMos - 0.05, $"MOS {run.Statistics.Mos:F2} vs {referenceMos:F2} undisturbed; {run.Describe()}");
        Assert.Equal(resynchronisations, run.Statistics.Resynchronisations);
        List<int> holes = ToneMeter.HoledPeriods(run.Played, run.DeviceRate, run.Stream.Amplitude, 10, 95);
        Assert.True(holes.Count == 0, $"holes in the tone at periods {string.Join(",", holes)}; {run.Describe()}");
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu, 20.0)]
    [InlineData(AudioCodec.Pcmu, 30.0)]
    [InlineData(AudioCodec.Opus, 20.0)]
    [InlineData(AudioCodec.Opus, 60.0)]
    public async Task Receive_SsrcChangesHalfway_NewSourceContinuesWithoutLossOrGap(AudioCodec codec, double packetMs)
    {
        MediaCodecChoice choice = codec == AudioCodec.Opus ? Opus : Pcmu;
        var stream = new ToneStream { Codec = codec, PayloadType = choice.PayloadType, PacketMs = packetMs, SsrcChangeAt = (int)(1250 / packetMs) };
        (ReceiveRun run, double mos) = await RunAgainstReferenceAsync(stream, choice);

        AssertUndisturbed(run, mos, 1);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(30000)]
    [InlineData(-2000)]
    public async Task Receive_SequenceNumberJumps_ResynchronisesWithoutCountingLoss(int jump)
    {
        // The timestamps go on continuously, which is the evidence (beyond MaxDropout too: RFC 3550 A.1's probation is
        // only needed without it, see RtpReceiveStatisticsTests).
        var stream = new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, SequenceJumpAt = 50, SequenceJump = jump };
        (ReceiveRun run, double mos) = await RunAgainstReferenceAsync(stream, Pcmu);

        AssertUndisturbed(run, mos, 1);
    }

    [Theory]
    [InlineData(AudioCodec.Pcmu, 1_000_000L)]
    [InlineData(AudioCodec.Pcmu, -50_000L)]
    [InlineData(AudioCodec.Opus, 9_000_000L)]
    public async Task Receive_TimestampJumps_TimelineContinuesWithoutLossOrGap(AudioCodec codec, long jump)
    {
        MediaCodecChoice choice = codec == AudioCodec.Opus ? Opus : Pcmu;
        var stream = new ToneStream { Codec = codec, PayloadType = choice.PayloadType, TimestampJumpAt = 60, TimestampJump = jump };
        (ReceiveRun run, double mos) = await RunAgainstReferenceAsync(stream, choice);

        AssertUndisturbed(run, mos, 1);
    }

    [Fact]
    public async Task Receive_HeaderExtensionsCsrcsAndPadding_PayloadFoundAndPlayed()
    {
        var stream = new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, PacketMs = 30, ExtensionsCsrcsAndPadding = true };
        (ReceiveRun run, double mos) = await RunAgainstReferenceAsync(stream, Pcmu);

        AssertUndisturbed(run, mos, 0);
        Assert.Equal(Math.Floor(run.Stream.TotalMs / 30) * 30, run.Statistics.ReceivedAudio.TotalMilliseconds, 0.001);
    }

    [Fact]
    public async Task Receive_ComfortNoiseInSilences_PlayedAtItsLevelNeverCountedAsLoss()
    {
        // 400 ms of tone, 200 ms of silence sent as one CN packet at -50 dBov, and so on; each burst starts with the marker.
        const byte level = 50;
        var stream = new ToneStream { Codec = AudioCodec.Pcmu, PayloadType = 0, Bursts = (400, 200), ComfortNoiseLevel = level, ToneSeconds = 2.4 };
        ReceiveRun run = await ReceiveRun.RunAsync(stream, Pcmu);

        run.AssertToneThrough();
        run.AssertClean();
        Assert.InRange(run.Statistics.ComfortNoise.TotalMilliseconds, 4 * 200 * 0.8, 4 * 200 * 1.2);

        // In the middle of each silence the speaker plays noise at the signalled level: 32767 * 10^(-50/20) RMS.
        double expectedRms = 32767 * Math.Pow(10, -level / 20.0);
        foreach (double silenceMs in new[] { 500.0, 1100, 1700 })
        {
            double delayMs = run.Statistics.PlayoutDelayMs + 20;
            int from = (int)((silenceMs + delayMs) * run.DeviceRate / 1000);
            double rms = Math.Sqrt(run.Played.AsSpan(from, run.DeviceRate / 20).ToArray().Average(s => (double)s * s));
            Assert.InRange(20 * Math.Log10(rms / expectedRms), -3, 3);
        }
    }
}
