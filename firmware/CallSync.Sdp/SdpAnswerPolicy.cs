namespace CallSync.Sdp;

/// <summary>Which codec an answer picks among the mutually supported ones.</summary>
public enum SdpAnswerPolicy
{
    /// <summary>The first offered codec this side supports (RFC 3264 section 6.1 recommends following the offerer's order). The default.</summary>
    OfferOrder,

    /// <summary>This side's most preferred codec that the offer contains.</summary>
    LocalOrder,
}
