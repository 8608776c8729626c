namespace CallSync.Sdp;

/// <summary>Whether a stream is offered and answered as SRTP keyed by SDES (RFC 4568).</summary>
public enum SdpEncryption
{
    /// <summary>Plain RTP: no <c>a=crypto</c> lines are offered, offered ones are ignored, RTP/SAVP is refused.</summary>
    Off,

    /// <summary>
    /// Offers RTP/AVP with <c>a=crypto</c> lines (best-effort SRTP): a peer that keys accepts SRTP, one that ignores
    /// the lines keeps plain RTP. Answers with SRTP when the offer has a usable line, plain RTP otherwise.
    /// </summary>
    Optional,

    /// <summary>Offers RTP/SAVP; an offer or answer without a usable <c>a=crypto</c> line is refused.</summary>
    Required,
}
