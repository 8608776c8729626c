namespace CallSync.Media.Session;

/// <summary>The voice codecs the media layer implements.</summary>
public enum AudioCodec
{
    /// <summary>G.711 u-law, static payload type 0.</summary>
    Pcmu,

    /// <summary>G.711 A-law, static payload type 8.</summary>
    Pcma,

    /// <summary>Opus (RFC 7587), dynamic payload type, 48 kHz RTP clock, mono here.</summary>
    Opus,

    /// <summary>G.722, static payload type 9: 16 kHz audio on an 8000 Hz RTP clock (RFC 3551 section 4.5.2).</summary>
    G722,
}
