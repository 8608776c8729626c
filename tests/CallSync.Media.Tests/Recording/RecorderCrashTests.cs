using System.Diagnostics;
using System.Globalization;
using CallSync.Media.Tests.Support;
using CallSync.Recording;

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

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(helper);
        info.ArgumentList.Add(dir.Path);
        info.ArgumentList.Add("crash");
        using var process = Process.Start(info)!;
        int recordedFrames = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (recordedFrames < 175)
            {
                string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                recordedFrames = int.Parse(line, CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true); // SIGKILL: no finaliser, no drain, no marker removal
            await process.WaitForExitAsync();
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
