namespace CallSync.Media.Receive;

/// <summary>What the receiver did with one RTP packet.</summary>
internal enum ReceiveVerdict
{
    /// <summary>Voice, queued for playout.</summary>
    Queued,

    /// <summary>Comfort noise, queued: it plays from its timestamp until the next packet.</summary>
    ComfortNoise,

    /// <summary>A telephone event (DTMF).</summary>
    TelephoneEvent,

    /// <summary>Already received.</summary>
    Duplicate,

    /// <summary>Its audio had already been played or concealed.</summary>
    Late,

    /// <summary>Received but not played (sequence jump on probation, buffer full, same timestamp twice).</summary>
    Discarded,

    /// <summary>The payload is unusable (reason given).</summary>
    Malformed,

    /// <summary>A payload type that was not negotiated.</summary>
    UnknownPayloadType,
}
