using CallSync.Media.Tests.Support;
using CallSync.Recording;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Media.Tests.Recording;

/// <summary>A recording the agent stops because its disk is full ends cut short on a whole page, still a valid file.</summary>
[Trait("Category", "Interop")]
public sealed class RecorderStopWhenTests
{
    [Fact]
    public async Task StopWhen_TrueAfterOneSecond_CutShortValidFileHoldsOnlyWhatWasWritten()
    {
        using var dir = new TempDirectory();
        bool full = false;
        var options = new RecordingOptions { Directory = dir.Path, StopWhen = () => Volatile.Read(ref full) };
        var metadata = new RecordingMetadata("stopped", "call-9@example", "201", "202", new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
        CallRecorder recorder = CallRecorder.Start(options, metadata, 8000, NullLogger<CallRecorder>.Instance);
        var frame = new short[160];
        long index = 0;
        for (int i = 0; i < 150; i++)
        {
            if (i == 50)
            {
                // One second in: let the encoder write what it has, then the disk is "full".
                SpinWait.SpinUntil(() => false, 200);
                Volatile.Write(ref full, true);
            }

            Signal.Tone(frame, 8000, 400, 8000, ref index);
            recorder.OnFrame(frame, frame);
            if (i % 25 == 0)
            {
                SpinWait.SpinUntil(() => false, 5);
            }
        }

        RecordingResult result = await recorder.StopAsync();

        Assert.True(result.CutShort);
        Assert.Equal(new FileInfo(result.Path).Length, result.Bytes);
        Assert.True(File.Exists(result.Path + CallRecorder.MarkerSuffix));
        Assert.True(OggOpusInspector.TryGetDuration(File.ReadAllBytes(result.Path), out TimeSpan inFile));
        Assert.Equal(inFile, result.Duration);
        Assert.InRange(result.Duration.TotalMilliseconds, 1, 1100);
        (TimeSpan decoded, int channels, _) = RecordingAssertions.OpusInfo(result.Path, allowMissingEndOfStream: true);
        Assert.Equal(2, channels);
        Assert.InRange(decoded.TotalMilliseconds, 1, 1100);
    }
}
