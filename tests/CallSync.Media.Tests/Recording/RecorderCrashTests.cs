using System.Globalization;
using CallSync.Recording;
using CallSync.Testing.Audio;
using CallSync.Testing.Files;
using CallSync.Testing.Processes;

namespace CallSync.Media.Tests.Recording;

[Trait("Category", "Interop")]
public sealed class RecorderCrashTests
{
    [Fact]
    public async Task KillNine_MidRecording_PartialFileValidAndWithinOneSecondOfRecordedTime()
    {
        using var dir = new TempDirectory();
        string baseDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string framework = Path.GetFileName(baseDir);
        string configuration = Path.GetFileName(Path.GetDirectoryName(baseDir))!;
        string helper = Path.GetFullPath(Path.Combine(baseDir, "..", "..", "..", "RecorderHelper", "bin", configuration, framework, "RecorderHelper.dll"));
        Assert.True(File.Exists(helper), helper);

        using var process = ChildProcess.Start("dotnet", helper, dir.Path, "crash");
        int recordedFrames;
        try
        {
            // The helper writes its count of recorded 20 ms frames, one line each.
            string line = await process.WaitForLineAsync(
                l => int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var frames) && frames >= 175, "count of 175 frames or more", TimeSpan.FromSeconds(60));
            recordedFrames = int.Parse(line, CultureInfo.InvariantCulture);
        }
        finally
        {
            process.Kill(); // SIGKILL: no finaliser, no drain, no marker removal
        }

        var recorded = TimeSpan.FromMilliseconds(recordedFrames * 20);
        string path = Path.Combine(dir.Path, "crash.opus");
        Assert.Equal(["crash"], RecordingRecovery.FindCutShort(dir.Path));
        (TimeSpan duration, int channels, _) = RecordingAssertions.OpusInfo(path, allowMissingEndOfStream: true);
        Assert.Equal(2, channels);
        Assert.InRange(duration, recorded - TimeSpan.FromSeconds(1), recorded + TimeSpan.FromMilliseconds(200));
        WavFile wav = RecordingAssertions.Decode(path);
        double decoded = (double)wav.Samples.Length / wav.Channels / wav.SampleRate;
        Assert.InRange(decoded, recorded.TotalSeconds - 1, recorded.TotalSeconds + 0.2);

        RecordingResult sealedResult = await RecordingRecovery.SealAsync(dir.Path, "crash");
        Assert.True(sealedResult.CutShort);
        Assert.InRange(sealedResult.Duration, recorded - TimeSpan.FromSeconds(1), recorded + TimeSpan.FromMilliseconds(200));
    }
}
