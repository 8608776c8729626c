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

    /// <summary>
    /// One block, read by each line's label (positions shift: the "duplicated packets" lines have no label of their
    /// own and belong to the "sent" or "received" line above them; "sent rtcp" and "received rtcp" follow).
    /// </summary>
    private static LinphoneRtpStatistics? Parse(ReadOnlySpan<string> lines)
    {
        long? sent = null, received = null;
        long duplicated = 0, lost = 0, late = 0, bad = 0, discarded = 0;
        var section = string.Empty;
        foreach (var line in lines)
        {
            if (line.Contains("=====", StringComparison.Ordinal) && (sent is not null || received is not null))
            {
                break;
            }

            if (Value().Match(line) is not { Success: true } match)
            {
                continue;
            }

            var label = match.Groups["label"].Value.Trim();
            var unit = match.Groups["unit"].Value;
            var value = long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            section = label.Length > 0 ? label : section;
            switch (label, unit)
            {
                case ("sent", "packets"): sent = value; break;
                case ("received", "packets"): received = value; break;
                case ("", "duplicated packets") when section == "received": duplicated = value; break;
                case ("incoming cumulative lost", "packets"): lost = value; break;
                case ("incoming received too late", "packets"): late = value; break;
                case ("incoming bad formatted", "packets"): bad = value; break;
                case ("incoming discarded (queue overflow)", "packets"): discarded = value; break;
            }
        }

        return sent is { } s && received is { } r ? new LinphoneRtpStatistics(s, r, duplicated, lost, late, bad, discarded) : null;
    }

    [GeneratedRegex(@"ortp-message-(?<label>.*?)\s*(?<value>-?\d+) (?<unit>duplicated packets|packets|bytes)\s*$")]
    private static partial Regex Value();
}
