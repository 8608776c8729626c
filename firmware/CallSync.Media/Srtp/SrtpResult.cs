namespace CallSync.Media.Srtp;

/// <summary>The outcome of protecting or unprotecting one packet, or of creating a context from SDES input.</summary>
public enum SrtpResult
{
    /// <summary>Done; the packet was transformed in place.</summary>
    Ok,

    /// <summary>Shorter than a header plus what the suite appends (tag, MKI, SRTCP index).</summary>
    TooShort,

    /// <summary>Not RTP/RTCP version 2, or the CSRC list or header extension runs past the end.</summary>
    Malformed,

    /// <summary>Protect only: the buffer has no room for what the suite appends.</summary>
    BufferTooSmall,

    /// <summary>The authentication tag does not match: tampered, wrong key, or not SRTP at all.</summary>
    AuthenticationFailed,

    /// <summary>The packet index was already received inside the replay window.</summary>
    Replayed,

    /// <summary>The packet index is behind the replay window (older than 128 packets).</summary>
    TooOld,

    /// <summary>The packet's MKI is not the one of this context's key.</summary>
    UnknownMki,

    /// <summary>The key reached its lifetime (the SDES lifetime, 2^48 SRTP or 2^31 SRTCP packets): re-key.</summary>
    KeyExhausted,

    /// <summary>Creation only: the suite name is not one of <see cref="SrtpSuite"/>.</summary>
    UnknownSuite,

    /// <summary>Creation only: the key material or MKI has the wrong length.</summary>
    InvalidKey,
}
