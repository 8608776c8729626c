using CallSync.Testing.Audio;
using CallSync.Testing.Processes;

namespace CallSync.Media.Tests.Recording;

/// <summary>Checks a recording with opus-tools: opusinfo accepts it, opusdec decodes it.</summary>
internal static class RecordingAssertions
{
    /// <summary>
    /// Runs opusinfo; returns its playback length and channel count. With <paramref name="allowMissingEndOfStream"/>
    /// the only complaint tolerated is the missing EOS flag of a file whose writer was killed (opusinfo then
    /// exits with 1 and says "normal for live streams"); any other warning or error fails.
    /// </summary>
    public static (TimeSpan Duration, int Channels, string Output) OpusInfo(string path, bool allowMissingEndOfStream = false)
    {
        var info = Testing.Audio.OpusInfo.Of(path);
        bool onlyEos = info.Problems.Count == 1 && info.Problems[0].Contains("EOS not set", StringComparison.Ordinal);
        Assert.True(info.ExitCode == 0 || (allowMissingEndOfStream && onlyEos), "opusinfo failed: " + info.Output);
        Assert.True(info.Problems.Count == 0 || (allowMissingEndOfStream && onlyEos), "opusinfo complained: " + info.Output);
        Assert.True(info.Length > TimeSpan.Zero, "no playback length: " + info.Output);
        Assert.True(info.Channels > 0, info.Output);
        return (info.Length, info.Channels, info.Output);
    }

    /// <summary>Decodes with opusdec at 48 kHz.</summary>
    public static WavFile Decode(string path)
    {
        string wav = path + ".wav";
        var result = Tool.Run("opusdec", "--quiet", path, wav);
        Assert.True(result.ExitCode == 0, "opusdec failed: " + result.Output);
        return WavFile.Read(wav);
    }
}
