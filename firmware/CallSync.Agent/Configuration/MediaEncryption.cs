namespace CallSync.Agent.Configuration;

/// <summary>Rtp:Encryption: whether calls use SRTP (keys by SDES, RFC 4568).</summary>
internal enum MediaEncryption
{
    /// <summary>Plain RTP; an offer that requires SRTP is refused.</summary>
    Off,

    /// <summary>SRTP offered and accepted, plain RTP accepted too.</summary>
    Optional,

    /// <summary>SRTP only: an offer or answer without keys is refused.</summary>
    Required,
}
