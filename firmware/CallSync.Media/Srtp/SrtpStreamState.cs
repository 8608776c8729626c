namespace CallSync.Media.Srtp;

/// <summary>
/// What a context keeps per SSRC (RFC 3711 section 3.2.3), for one packet kind: for packets it protects, the
/// highest SRTP index sent or the next SRTCP index; for packets it unprotects, the replay window (whose
/// highest index also holds the receiver's ROC and highest sequence number).
/// </summary>
internal struct SrtpStreamState
{
    /// <summary>The synchronisation source.</summary>
    public uint Ssrc;

    /// <summary>True while the slot holds a stream.</summary>
    public bool InUse;

    /// <summary>The table's use counter at the last packet: the least recently used slot is reused first.</summary>
    public long LastUsed;

    /// <summary>True once a packet of this SSRC was protected.</summary>
    public bool SendStarted;

    /// <summary>SRTP: the highest index protected. SRTCP: the next index to send.</summary>
    public ulong SendIndex;

    /// <summary>The replay window of packets unprotected.</summary>
    public SrtpReplayWindow Receive;
}
