using System.Diagnostics.CodeAnalysis;

namespace CallSync.Sdp;

/// <summary>An audio codec this side can use, as offered or answered in SDP.</summary>
/// <param name="Name">The encoding name (<c>PCMU</c>, <c>opus</c>...).</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="Channels">The channel count written in the rtpmap (opus is always 2, RFC 7587 section 7).</param>
/// <param name="PayloadType">The payload type used when this side makes the offer.</param>
/// <param name="Fmtp">Format parameters this side declares for the codec (what it wants to receive), or null.</param>
public sealed record SdpCodec(string Name, int ClockRate, int Channels, int PayloadType, string? Fmtp = null)
{
    /// <summary>The encoding name of RFC 4733 events (DTMF).</summary>
    public const string TelephoneEventName = "telephone-event";

    /// <summary>The encoding name of RFC 3389 comfort noise.</summary>
    public const string ComfortNoiseName = "CN";

    /// <summary>G.711 mu-law (RFC 3551 static type 0).</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, 1, 0);

    /// <summary>G.711 A-law (RFC 3551 static type 8).</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, 1, 8);

    /// <summary>G.722 (RFC 3551 section 4.5.2, static type 9): 16 kHz audio, but an RTP clock of 8000 for historical reasons.</summary>
    public static SdpCodec G722 { get; } = new("G722", 8000, 1, 9);

    /// <summary>Opus as RFC 7587 section 7 requires it: <c>opus/48000/2</c>, dynamic type 111, in-band FEC welcome.</summary>
    public static SdpCodec Opus { get; } = new("opus", 48000, 2, 111, new SdpOpusParameters { UseInbandFec = true }.ToFmtp());

    /// <summary>The codecs known by name, for configuration (<c>Sip:Codecs</c>).</summary>
    public static IReadOnlyList<SdpCodec> Known { get; } = [G722, Pcmu, Pcma, Opus];

    /// <summary>True for Opus (it carries its own DTX, so comfort noise is not offered with it).</summary>
    public bool IsOpus => string.Equals(Name, Opus.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Finds a codec of <see cref="Known"/> by encoding name, case-insensitively (<c>g722</c>, <c>PCMU</c>, <c>opus</c>).</summary>
    public static bool TryGetByName(string? name, [NotNullWhen(true)] out SdpCodec? codec)
    {
        codec = null;
        foreach (var known in Known)
        {
            if (string.Equals(known.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                codec = known;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="map"/> names this codec (name case-insensitive, same clock and channels).</summary>
    public bool Matches(SdpRtpMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return string.Equals(map.EncodingName, Name, StringComparison.OrdinalIgnoreCase)
            && map.ClockRate == ClockRate
            && map.Channels == Channels;
    }
}
