using CallSync.Media.Tests.Support;
using CallSync.Recording;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Recording;

[Trait("Category", "Interop")]
public sealed class CallRecorderTests
{
    private static RecordingMetadata Metadata(string id) =>
        new(id, "call-1@example", "201", "+4930123456", new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public async Task StopAsync_ThreeSecondsOfTwoTones_FileValidTaggedAndChannelsSeparated(int rate)
    {
        using var dir = new TempDirectory();
        var options = new RecordingOptions { Directory = dir.Path };
        CallRecorder recorder = CallRecorder.Start(options, Metadata("rec-" + rate), rate, NullLogger<CallRecorder>.Instance);
        var left = new short[rate / 50];
        var right = new short[rate / 50];
        long li = 0;
        long ri = 0;
        for (int i = 0; i < 150; i++)
        {
            Signal.Tone(left, rate, 400, 8000, ref li);
            Signal.Tone(right, rate, 1000, 8000, ref ri);
            recorder.OnFrame(left, right);
            if (i % 50 == 0)
            {
                // Let the encoder thread keep up, like a real 20 ms device would.
                SpinWait.SpinUntil(() => false, 5);
            }
        }

        RecordingResult result = await recorder.StopAsync();

        Assert.False(result.CutShort);
        Assert.Equal(0, result.FramesDropped);
        Assert.Equal(TimeSpan.FromSeconds(3), result.Duration);
        Assert.Equal(new FileInfo(result.Path).Length, result.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(result.Path))), result.Sha256);
        Assert.False(File.Exists(result.Path + CallRecorder.MarkerSuffix));
        Assert.Empty(RecordingRecovery.FindCutShort(dir.Path));

        (TimeSpan duration, int channels, string info) = RecordingAssertions.OpusInfo(result.Path);
        Assert.Equal(2, channels);
        Assert.InRange(duration.TotalMilliseconds, 2940, 3060);
        Assert.Contains("RECORDID=rec-" + rate, info, StringComparison.Ordinal);
        Assert.Contains("CALLID=call-1@example", info, StringComparison.Ordinal);
        Assert.Contains("REMOTENUMBER=+4930123456", info, StringComparison.Ordinal);
        Assert.Contains("STARTTIME=2026-11-23T10:00:00", info, StringComparison.Ordinal);
        Assert.Contains("ENCODER=", info, StringComparison.Ordinal);
        Assert.True(OggOpusInspector.TryGetDuration(File.ReadAllBytes(result.Path), out TimeSpan inspected));
        Assert.InRange(inspected.TotalMilliseconds, 2940, 3060);

        WavFile wav = RecordingAssertions.Decode(result.Path);
        short[] l = wav.Channel(0)[(wav.SampleRate / 2)..];
        short[] r = wav.Channel(1)[(wav.SampleRate / 2)..];
        double leftSeparation = Signal.Db(Signal.Goertzel(l, wav.SampleRate, 400), Signal.Goertzel(r, wav.SampleRate, 400));
        double rightSeparation = Signal.Db(Signal.Goertzel(r, wav.SampleRate, 1000), Signal.Goertzel(l, wav.SampleRate, 1000));
        Assert.True(leftSeparation >= 30, $"400 Hz left/right {leftSeparation:F1} dB");
        Assert.True(rightSeparation >= 30, $"1 kHz right/left {rightSeparation:F1} dB");
    }

    [Fact]
    public async Task AbortAsync_MidRecording_FileDecodesAndRecoveryReportsCutShort()
    {
        using var dir = new TempDirectory();
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, Metadata("aborted"), 8000, NullLogger<CallRecorder>.Instance);
        var frame = new short[160];
        long index = 0;
        for (int i = 0; i < 50; i++)
        {
            Signal.Tone(frame, 8000, 400, 8000, ref index);
            recorder.OnFrame(frame, frame);
        }

        RecordingResult result = await recorder.AbortAsync();

        Assert.True(result.CutShort);
        Assert.Equal(["aborted"], RecordingRecovery.FindCutShort(dir.Path));
        Assert.Equal(2, RecordingAssertions.OpusInfo(result.Path).Channels);
        RecordingResult sealedResult = await RecordingRecovery.SealAsync(dir.Path, "aborted");
        Assert.True(sealedResult.CutShort);
        Assert.Equal(result.Sha256, sealedResult.Sha256);
        Assert.InRange(sealedResult.Duration.TotalMilliseconds, 940, 1060);
        Assert.Empty(RecordingRecovery.FindCutShort(dir.Path));
    }

    [Fact]
    public async Task StopAsync_NoFrameEverArrived_ValidFileInsteadOfEncoderAbort()
    {
        // A call that never got audio (e.g. a second call while the handset carries the first): libopusenc aborts
        // the whole process when such an encoder is drained, unless the recorder feeds it first.
        using var dir = new TempDirectory();
        CallRecorder recorder = CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, Metadata("silent"), 8000, NullLogger<CallRecorder>.Instance);

        RecordingResult result = await recorder.StopAsync();

        Assert.False(result.CutShort);
        Assert.Equal(TimeSpan.FromMilliseconds(20), result.Duration);
        (TimeSpan duration, int channels, _) = RecordingAssertions.OpusInfo(result.Path);
        Assert.Equal(2, channels);
        Assert.InRange(duration.TotalMilliseconds, 0, 40);
    }

    [Fact]
    public void Start_RecordIdWithPathSeparator_Throws()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() =>
            CallRecorder.Start(new RecordingOptions { Directory = dir.Path }, Metadata("../x"), 8000, NullLogger<CallRecorder>.Instance));
    }
}
