namespace CallSync.Sdp;

/// <summary>An audio codec this side can use, as offered or answered in SDP.</summary>
/// <param name="Name">The encoding name (<c>PCMU</c>, <c>opus</c>...).</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="Channels">The channel count written in the rtpmap (opus is always 2, RFC 7587 section 7).</param>
/// <param name="PayloadType">The payload type used when this side makes the offer.</param>
/// <param name="Fmtp">Format parameters written with the codec, or null.</param>
public sealed record SdpCodec(string Name, int ClockRate, int Channels, int PayloadType, string? Fmtp = null)
{
    /// <summary>G.711 mu-law (RFC 3551 static type 0).</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, 1, 0);

    /// <summary>G.711 A-law (RFC 3551 static type 8).</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, 1, 8);

    /// <summary>G.722 (RFC 3551 static type 9; the RTP clock is 8000 for historical reasons).</summary>
    public static SdpCodec G722 { get; } = new("G722", 8000, 1, 9);

    /// <summary>Opus as RFC 7587 section 7 requires it: <c>opus/48000/2</c>, dynamic type 111.</summary>
    public static SdpCodec Opus { get; } = new("opus", 48000, 2, 111, "useinbandfec=1");

    /// <summary>True when <paramref name="map"/> names this codec (name case-insensitive, same clock and channels).</summary>
    public bool Matches(SdpRtpMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return string.Equals(map.EncodingName, Name, StringComparison.OrdinalIgnoreCase)
            && map.ClockRate == ClockRate
            && map.Channels == Channels;
    }
}
