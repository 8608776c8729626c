namespace CallSync.Sdp;

/// <summary>An <c>a=rtpmap</c> value: <c>&lt;pt&gt; &lt;name&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c>.</summary>
/// <param name="PayloadType">The RTP payload type number (0-127).</param>
/// <param name="EncodingName">The encoding name as written (compare case-insensitively).</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="Channels">The channel count (1 when absent).</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int Channels = 1)
{
    /// <summary>Parses an rtpmap value; false when it is malformed.</summary>
    public static bool TryParse(string value, out SdpRtpMap? rtpMap)
    {
        ArgumentNullException.ThrowIfNull(value);
        rtpMap = null;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !SdpNumbers.TryParsePayloadType(value.AsSpan(0, space), out var pt))
        {
            return false;
        }

        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || !SdpNumbers.TryParsePositive(parts[1], out var clock))
        {
            return false;
        }

        var channels = 1;
        if (parts.Length == 3 && !SdpNumbers.TryParsePositive(parts[2], out channels))
        {
            return false;
        }

        rtpMap = new SdpRtpMap(pt, parts[0], clock, channels);
        return true;
    }

    /// <summary>The attribute value as written on the wire.</summary>
    public string ToAttributeValue() => Channels == 1
        ? $"{PayloadType} {EncodingName}/{ClockRate}"
        : $"{PayloadType} {EncodingName}/{ClockRate}/{Channels}";

    /// <summary>The static payload types of RFC 3551 table 4 that may appear without an rtpmap.</summary>
    public static SdpRtpMap? ForStaticPayloadType(int payloadType) => payloadType switch
    {
        0 => new SdpRtpMap(0, "PCMU", 8000),
        3 => new SdpRtpMap(3, "GSM", 8000),
        4 => new SdpRtpMap(4, "G723", 8000),
        8 => new SdpRtpMap(8, "PCMA", 8000),
        9 => new SdpRtpMap(9, "G722", 8000),
        18 => new SdpRtpMap(18, "G729", 8000),
        _ => null,
    };
}
