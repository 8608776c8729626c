using System.Globalization;
using System.Text;

namespace CallSync.Sdp;

/// <summary>
/// The Opus format parameters of RFC 7587 section 6.1 as carried in <c>a=fmtp</c>. Each value is null when the
/// parameter is absent or invalid; the RFC's default then applies (given on each property). Parameters without
/// <c>sprop-</c> state what the writer of the SDP wants to receive; <c>sprop-</c> ones what it will send.
/// </summary>
public sealed record SdpOpusParameters
{
    /// <summary>The highest audio sample rate the receiver renders, 8000-48000 (default 48000).</summary>
    public int? MaxPlaybackRate { get; init; }

    /// <summary>The highest sample rate the sender captures, 8000-48000 (default 48000).</summary>
    public int? SpropMaxCaptureRate { get; init; }

    /// <summary>The highest average bitrate the receiver wants, 6000-510000 bit/s (default: none).</summary>
    public int? MaxAverageBitrate { get; init; }

    /// <summary>Whether the receiver prefers stereo (default false: mono).</summary>
    public bool? Stereo { get; init; }

    /// <summary>Whether the sender is likely to send stereo (default false).</summary>
    public bool? SpropStereo { get; init; }

    /// <summary>Whether the receiver wants constant bitrate (default false).</summary>
    public bool? ConstantBitrate { get; init; }

    /// <summary>Whether the receiver can use in-band forward error correction (default false).</summary>
    public bool? UseInbandFec { get; init; }

    /// <summary>Whether the receiver wants discontinuous transmission (default false).</summary>
    public bool? UseDtx { get; init; }

    /// <summary>The shortest packet duration the receiver wants, in milliseconds (a WebRTC-era addition; default: none).</summary>
    public int? MinPtime { get; init; }

    /// <summary>The packet duration the receiver wants, in milliseconds, when given here instead of <c>a=ptime</c>.</summary>
    public int? Ptime { get; init; }

    /// <summary>The longest packet duration the receiver takes, in milliseconds, when given here instead of <c>a=maxptime</c>.</summary>
    public int? MaxPtime { get; init; }

    /// <summary>
    /// Reads the parameter list of an <c>a=fmtp</c> value (the text after the payload type). Never throws: unknown
    /// parameters are skipped and out-of-range values read as absent, as RFC 7587 asks receivers to do.
    /// </summary>
    public static SdpOpusParameters FromFmtp(string? fmtp)
    {
        var result = new SdpOpusParameters();
        if (string.IsNullOrWhiteSpace(fmtp))
        {
            return result;
        }

        var text = fmtp.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var item = text[range].Trim();
            var eq = item.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var name = item[..eq].Trim();
            var value = item[(eq + 1)..].Trim();
            result = name.ToString().ToLowerInvariant() switch
            {
                "maxplaybackrate" => result with { MaxPlaybackRate = Int(value, 8000, 48000) },
                "sprop-maxcapturerate" => result with { SpropMaxCaptureRate = Int(value, 8000, 48000) },
                "maxaveragebitrate" => result with { MaxAverageBitrate = Int(value, 6000, 510000) },
                "stereo" => result with { Stereo = Flag(value) },
                "sprop-stereo" => result with { SpropStereo = Flag(value) },
                "cbr" => result with { ConstantBitrate = Flag(value) },
                "useinbandfec" => result with { UseInbandFec = Flag(value) },
                "usedtx" => result with { UseDtx = Flag(value) },
                "minptime" => result with { MinPtime = Int(value, 1, 120) },
                "ptime" => result with { Ptime = Int(value, 1, 120) },
                "maxptime" => result with { MaxPtime = Int(value, 1, 120) },
                _ => result,
            };
        }

        return result;
    }

    /// <summary>The parameters as an <c>a=fmtp</c> parameter list (<c>name=value;...</c>), or null when none is set.</summary>
    public string? ToFmtp()
    {
        var sb = new StringBuilder();
        Append(sb, "maxplaybackrate", MaxPlaybackRate);
        Append(sb, "sprop-maxcapturerate", SpropMaxCaptureRate);
        Append(sb, "maxaveragebitrate", MaxAverageBitrate);
        Append(sb, "stereo", Stereo);
        Append(sb, "sprop-stereo", SpropStereo);
        Append(sb, "cbr", ConstantBitrate);
        Append(sb, "useinbandfec", UseInbandFec);
        Append(sb, "usedtx", UseDtx);
        Append(sb, "minptime", MinPtime);
        Append(sb, "ptime", Ptime);
        Append(sb, "maxptime", MaxPtime);
        return sb.Length == 0 ? null : sb.ToString();
    }

    private static int? Int(ReadOnlySpan<char> value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null;

    private static bool? Flag(ReadOnlySpan<char> value) => value switch
    {
        "1" => true,
        "0" => false,
        _ => null,
    };

    private static void Append(StringBuilder sb, string name, int? value)
    {
        if (value is { } v)
        {
            Separate(sb).Append(name).Append('=').Append(v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Append(StringBuilder sb, string name, bool? value)
    {
        if (value is { } v)
        {
            Separate(sb).Append(name).Append('=').Append(v ? '1' : '0');
        }
    }

    private static StringBuilder Separate(StringBuilder sb) => sb.Length == 0 ? sb : sb.Append(';');
}
