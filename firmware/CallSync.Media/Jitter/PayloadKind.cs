namespace CallSync.Media.Jitter;

/// <summary>What an RTP packet carries, by payload type.</summary>
internal enum PayloadKind : byte
{
    /// <summary>The negotiated voice codec.</summary>
    Voice,

    /// <summary>RFC 3389 comfort noise: plays from its timestamp until the next packet.</summary>
    ComfortNoise,

    /// <summary>RFC 4733 telephone-event (DTMF).</summary>
    TelephoneEvent,

    /// <summary>Any other payload type: ignored.</summary>
    Other,
}
