using System.Globalization;
using System.Text.RegularExpressions;

namespace CallSync.Testing.Peers.Linphone;

/// <summary>
/// The RTP statistics linphone (oRTP) logs when a call's audio session ends (<c>call-stats</c> crashes
/// linphone-daemon 5.1.65, so the log is where they are read).
/// </summary>
public sealed partial record LinphoneRtpStatistics(
    long SentPackets, long ReceivedPackets, long DuplicatedPackets, long CumulativeLost, long Late, long BadFormatted, long Discarded)
{
    private const string Header = "AUDIO SESSION'S RTP STATISTICS";

    /// <summary>Every statistics block in a linphone log, in call order.</summary>
    public static IReadOnlyList<LinphoneRtpStatistics> ParseAll(string log)
    {
        var blocks = new List<LinphoneRtpStatistics>();
        var lines = log.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(Header, StringComparison.Ordinal) && Parse(lines.AsSpan(i + 1)) is { } block)
            {
                blocks.Add(block);
            }
        }

        return blocks;
    }

    /// <summary>The block's lines in oRTP's order: sent, duplicated, bytes; received, duplicated, bytes; delivered, lost, late, bad, discarded.</summary>
    private static LinphoneRtpStatistics? Parse(ReadOnlySpan<string> lines)
    {
        var values = new List<long>();
        foreach (var line in lines)
        {
            if (line.Contains("=====", StringComparison.Ordinal) && values.Count > 0)
            {
                break;
            }

            if (Value().Match(line) is { Success: true } match)
            {
                values.Add(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        return values.Count < 11 ? null : new LinphoneRtpStatistics(
            SentPackets: values[0], ReceivedPackets: values[3], DuplicatedPackets: values[4], CumulativeLost: values[7],
            Late: values[8], BadFormatted: values[9], Discarded: values[10]);
    }

    [GeneratedRegex(@"ortp-message-.*?\s(-?\d+) (?:packets|bytes)\s*$")]
    private static partial Regex Value();
}
