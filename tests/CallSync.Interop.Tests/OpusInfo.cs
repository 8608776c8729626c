using System.Globalization;
using System.Text.RegularExpressions;

namespace CallSync.Interop.Tests;

/// <summary>What `opusinfo` says about a file: its exit code, channel count and playback length.</summary>
internal sealed partial record OpusInfo(int Exit, int Channels, TimeSpan Length, string Output)
{
    public static OpusInfo Of(string path)
    {
        var (exit, output) = PeerProcess.Run(TimeSpan.FromSeconds(30), "opusinfo", path);
        var channels = ChannelsPattern().Match(output) is { Success: true } c
            ? int.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var length = LengthPattern().Match(output) is { Success: true } l
            ? TimeSpan.FromMinutes(int.Parse(l.Groups[1].Value, CultureInfo.InvariantCulture))
              + TimeSpan.FromSeconds(double.Parse(l.Groups[2].Value, CultureInfo.InvariantCulture))
            : TimeSpan.Zero;
        return new OpusInfo(exit, channels, length, output);
    }

    [GeneratedRegex(@"Channels: (\d+)")]
    private static partial Regex ChannelsPattern();

    [GeneratedRegex(@"Playback length: (\d+)m:([\d.]+)s")]
    private static partial Regex LengthPattern();
}
