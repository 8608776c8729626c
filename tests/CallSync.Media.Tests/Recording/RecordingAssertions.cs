using System.Globalization;
using System.Text.RegularExpressions;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Recording;

/// <summary>Checks a recording with opus-tools: opusinfo accepts it, opusdec decodes it.</summary>
internal static partial class RecordingAssertions
{
    /// <summary>
    /// Runs opusinfo; returns its playback length and channel count. With <paramref name="allowMissingEndOfStream"/>
    /// the only complaint tolerated is the missing EOS flag of a file whose writer was killed (opusinfo then
    /// exits with 1 and says "normal for live streams"); any other warning or error fails.
    /// </summary>
    public static (TimeSpan Duration, int Channels, string Output) OpusInfo(string path, bool allowMissingEndOfStream = false)
    {
        (int code, string output) = ExternalTool.Run("opusinfo", path);
        string[] complaints = output.Split('\n').Where(l => l.Contains("WARNING", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal)).ToArray();
        bool onlyEos = complaints.Length == 1 && complaints[0].Contains("EOS not set", StringComparison.Ordinal);
        Assert.True(code == 0 || (allowMissingEndOfStream && onlyEos), "opusinfo failed: " + output);
        Assert.True(complaints.Length == 0 || (allowMissingEndOfStream && onlyEos), "opusinfo complained: " + output);
        Match length = PlaybackLength().Match(output);
        Assert.True(length.Success, "no playback length: " + output);
        double minutes = double.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture);
        double seconds = double.Parse(length.Groups[2].Value, CultureInfo.InvariantCulture);
        Match channels = ChannelCount().Match(output);
        Assert.True(channels.Success, output);
        return (TimeSpan.FromSeconds((minutes * 60) + seconds), int.Parse(channels.Groups[1].Value, CultureInfo.InvariantCulture), output);
    }

    /// <summary>Decodes with opusdec at 48 kHz.</summary>
    public static WavFile Decode(string path)
    {
        string wav = path + ".wav";
        (int code, string output) = ExternalTool.Run("opusdec", "--quiet", path, wav);
        Assert.True(code == 0, "opusdec failed: " + output);
        return WavFile.Read(wav);
    }

    [GeneratedRegex(@"Playback length:\s*(\d+)m:([\d.]+)s")]
    private static partial Regex PlaybackLength();

    [GeneratedRegex(@"Channels:\s*(\d+)")]
    private static partial Regex ChannelCount();
}
