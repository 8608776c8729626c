namespace CallSync.Media.Session;

/// <summary>
/// The peer's Opus format parameters (RFC 7587 section 6.1) that govern what we send. They describe the peer as a
/// receiver; absent parameters take the RFC's defaults.
/// </summary>
public sealed record OpusParameters
{
    /// <summary><c>maxplaybackrate</c>: the highest rate the peer plays; caps our coded bandwidth. Null: 48000.</summary>
    public int? MaxPlaybackRate { get; init; }

    /// <summary><c>stereo</c>: the peer prefers stereo. We send mono regardless, which stereo=1 allows.</summary>
    public bool Stereo { get; init; }

    /// <summary><c>useinbandfec</c>: the peer can use in-band FEC. Null (absent) means 0: no FEC is sent.</summary>
    public bool? UseInbandFec { get; init; }

    /// <summary><c>maxaveragebitrate</c>: caps our bit rate (bit/s). Null: no cap beyond our own setting.</summary>
    public int? MaxAverageBitrate { get; init; }

    /// <summary><c>usedtx</c>: the peer prefers discontinuous transmission; we then send nothing in silence.</summary>
    public bool UseDtx { get; init; }

    /// <summary><c>cbr</c>: the peer prefers constant bit rate.</summary>
    public bool ConstantBitrate { get; init; }
}
