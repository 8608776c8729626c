using System.Globalization;

namespace CallSync.Sdp;

/// <summary>
/// One <c>m=</c> section (RFC 4566 section 5.14) with its own <c>c=</c> and attributes. The attribute list
/// is the single source of truth; rtpmap, fmtp, ptime and direction are read from it.
/// </summary>
public sealed class SdpMediaDescription
{
    /// <summary>The media type: <c>audio</c>, <c>video</c>...</summary>
    public required string Media { get; init; }

    /// <summary>The transport port; 0 marks a rejected or disabled stream (RFC 3264 section 6).</summary>
    public required int Port { get; init; }

    /// <summary>The port count after a slash, 1 when absent.</summary>
    public int PortCount { get; init; } = 1;

    /// <summary>The transport protocol, e.g. <c>RTP/AVP</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>The format list: RTP payload type numbers for RTP profiles.</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    /// <summary>The media-level connection, overriding the session's when present.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>Media-level lines this model does not interpret (i=, b=, k=), kept as (type, value).</summary>
    public IReadOnlyList<KeyValuePair<char, string>> OtherLines { get; init; } = [];

    /// <summary>The <c>a=</c> lines in wire order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes { get; init; } = [];

    /// <summary>True when the protocol is an RTP profile whose formats are payload type numbers.</summary>
    public bool IsRtp => Protocol.StartsWith("RTP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The payload type numbers of the format list (non-numeric formats skipped).</summary>
    public IReadOnlyList<int> PayloadTypes
    {
        get
        {
            var list = new List<int>(Formats.Count);
            foreach (var f in Formats)
            {
                if (SdpNumbers.TryParsePayloadType(f, out var pt))
                {
                    list.Add(pt);
                }
            }

            return list;
        }
    }

    /// <summary>The first value of attribute <paramref name="name"/>, or null.</summary>
    public string? GetAttribute(string name)
    {
        foreach (var a in Attributes)
        {
            if (string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return a.Value ?? string.Empty;
            }
        }

        return null;
    }

    /// <summary>The rtpmap for <paramref name="payloadType"/>, falling back to the RFC 3551 static table.</summary>
    public SdpRtpMap? GetRtpMap(int payloadType)
    {
        foreach (var a in Attributes)
        {
            if (a.Value is not null && string.Equals(a.Name, "rtpmap", StringComparison.OrdinalIgnoreCase)
                && SdpRtpMap.TryParse(a.Value, out var map) && map!.PayloadType == payloadType)
            {
                return map;
            }
        }

        return SdpRtpMap.ForStaticPayloadType(payloadType);
    }

    /// <summary>The fmtp parameters for <paramref name="payloadType"/> (text after the number), or null.</summary>
    public string? GetFmtp(int payloadType)
    {
        var prefix = SdpNumbers.Format(payloadType) + " ";
        foreach (var a in Attributes)
        {
            if (a.Value is not null && string.Equals(a.Name, "fmtp", StringComparison.OrdinalIgnoreCase)
                && a.Value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return a.Value[prefix.Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>The <c>a=ptime</c> value in milliseconds, or null.</summary>
    public int? Ptime => ReadMilliseconds("ptime");

    /// <summary>The <c>a=maxptime</c> value in milliseconds, or null.</summary>
    public int? MaxPtime => ReadMilliseconds("maxptime");

    /// <summary>The direction attribute at media level, or null when the media section has none.</summary>
    public SdpDirection? ExplicitDirection
    {
        get
        {
            foreach (var a in Attributes)
            {
                if (a.Value is null && SdpDirectionExtensions.TryParse(a.Name, out var d))
                {
                    return d;
                }
            }

            return null;
        }
    }

    private int? ReadMilliseconds(string name)
    {
        var v = GetAttribute(name);
        if (v is null)
        {
            return null;
        }

        // ptime may carry a fraction (RFC 4566 allows "20.0"); keep the integral milliseconds.
        var dot = v.IndexOf('.', StringComparison.Ordinal);
        var span = dot >= 0 ? v.AsSpan(0, dot) : v.AsSpan();
        return int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : null;
    }
}
