namespace CallSync.Media.Session;

/// <summary>One local codec capability, as SDP describes it (rtpmap and fmtp).</summary>
/// <param name="Codec">The codec.</param>
/// <param name="EncodingName">rtpmap encoding name.</param>
/// <param name="ClockRate">rtpmap clock rate.</param>
/// <param name="Channels">rtpmap channels (Opus is always signalled as 2, RFC 7587 section 7).</param>
/// <param name="DefaultPayloadType">Static or suggested dynamic payload type.</param>
/// <param name="Format">fmtp parameters, empty when none.</param>
public sealed record MediaCodecInfo(AudioCodec Codec, string EncodingName, int ClockRate, int Channels, byte DefaultPayloadType, string Format)
{
    /// <summary>Capabilities in preference order, then telephone-event is offered by the caller per clock rate.</summary>
    public static IReadOnlyList<MediaCodecInfo> Supported { get; } =
    [
        new(AudioCodec.Opus, "opus", 48000, 2, 111, "useinbandfec=1;maxplaybackrate=16000;sprop-maxcapturerate=16000"),
        new(AudioCodec.G722, "G722", 8000, 1, 9, string.Empty),
        new(AudioCodec.Pcmu, "PCMU", 8000, 1, 0, string.Empty),
        new(AudioCodec.Pcma, "PCMA", 8000, 1, 8, string.Empty),
    ];

    /// <summary>Suggested payload type for telephone-event/8000.</summary>
    public const byte TelephoneEvent8000PayloadType = 101;

    /// <summary>Suggested payload type for telephone-event/48000 (with Opus).</summary>
    public const byte TelephoneEvent48000PayloadType = 110;
}
