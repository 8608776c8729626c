namespace CallSync.Media.Audio;

/// <summary>Where a played sample came from, so each period can say whether it held concealment.</summary>
internal enum SampleKind : byte
{
    /// <summary>Decoded from a received packet.</summary>
    Voice,

    /// <summary>Made up for audio that was missing at its playout time (packet loss concealment).</summary>
    Concealed,

    /// <summary>Silence the sender meant (a gap with no packet missing, a pause) or nothing to play yet.</summary>
    Silence,

    /// <summary>Comfort noise (RFC 3389).</summary>
    ComfortNoise,

    /// <summary>Lost audio rebuilt from in-band FEC.</summary>
    Recovered,
}
