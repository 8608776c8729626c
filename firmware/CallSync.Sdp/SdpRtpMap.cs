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

    /// <summary>The static payload types of RFC 3551 tables 4 and 5 that may appear without an rtpmap.</summary>
    public static SdpRtpMap? ForStaticPayloadType(int payloadType) =>
        (uint)payloadType < (uint)StaticTable.Length ? StaticTable[payloadType] : null;

    private static readonly SdpRtpMap?[] StaticTable = BuildStaticTable();

    private static SdpRtpMap?[] BuildStaticTable()
    {
        var t = new SdpRtpMap?[35];
        SdpRtpMap[] known =
        [
            new(0, "PCMU", 8000), new(3, "GSM", 8000), new(4, "G723", 8000), new(5, "DVI4", 8000), new(6, "DVI4", 16000),
            new(7, "LPC", 8000), new(8, "PCMA", 8000), new(9, "G722", 8000), new(10, "L16", 44100, 2), new(11, "L16", 44100),
            new(12, "QCELP", 8000), new(13, "CN", 8000), new(14, "MPA", 90000), new(15, "G728", 8000), new(16, "DVI4", 11025),
            new(17, "DVI4", 22050), new(18, "G729", 8000), new(25, "CelB", 90000), new(26, "JPEG", 90000), new(28, "nv", 90000),
            new(31, "H261", 90000), new(32, "MPV", 90000), new(33, "MP2T", 90000), new(34, "H263", 90000),
        ];
        foreach (var map in known)
        {
            t[map.PayloadType] = map;
        }

        return t;
    }
}
