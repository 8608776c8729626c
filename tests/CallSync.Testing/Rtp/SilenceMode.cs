namespace CallSync.Testing.Rtp;

/// <summary>How a stream carries a silence.</summary>
public enum SilenceMode
{
    /// <summary>Audio packets of encoded silence, as a sender without VAD does.</summary>
    Encoded,

    /// <summary>RFC 3389 comfort-noise packets (payload type 13) at the start and every 200 ms, then a talkspurt with the marker bit.</summary>
    ComfortNoise,

    /// <summary>No packets at all (discontinuous transmission), then a talkspurt with the marker bit.</summary>
    Nothing,
}
