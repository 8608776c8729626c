using System.Globalization;
using System.Text.RegularExpressions;
using CallSync.Testing.Processes;

namespace CallSync.Testing.Audio;

/// <summary>What opusinfo (opus-tools) says about an Ogg Opus file.</summary>
/// <param name="ExitCode">0 when opusinfo found nothing wrong.</param>
/// <param name="Channels">The channel count, 0 when not found.</param>
/// <param name="Length">The playback length.</param>
/// <param name="OriginalSampleRate">The input rate the writer recorded in the header (OpusHead), 0 when not found.</param>
/// <param name="Output">Everything opusinfo wrote.</param>
public sealed partial record OpusInfo(int ExitCode, int Channels, TimeSpan Length, int OriginalSampleRate, string Output)
{
    /// <summary>The warnings and errors opusinfo reported, one per line.</summary>
    public IReadOnlyList<string> Problems =>
        [.. Output.Split('\n').Where(l => l.Contains("WARNING", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal)).Select(l => l.Trim())];

    public static OpusInfo Of(string path)
    {
        Tool.Require("opusinfo", "opus-tools");
        var result = Tool.Run("opusinfo", path);
        var output = result.Output;
        var channels = ChannelsPattern().Match(output) is { Success: true } c ? Number(c.Groups[1].Value) : 0;
        var rate = RatePattern().Match(output) is { Success: true } r ? Number(r.Groups[1].Value) : 0;
        var length = LengthPattern().Match(output) is { Success: true } l
            ? TimeSpan.FromMinutes(Number(l.Groups[1].Value)) + TimeSpan.FromSeconds(double.Parse(l.Groups[2].Value, CultureInfo.InvariantCulture))
            : TimeSpan.Zero;
        return new OpusInfo(result.ExitCode, channels, length, rate, output);
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Channels:\s*(\d+)")]
    private static partial Regex ChannelsPattern();

    [GeneratedRegex(@"Original sample rate:\s*(\d+)\s*Hz")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"Playback length:\s*(\d+)m:([\d.]+)s")]
    private static partial Regex LengthPattern();
}
