namespace CallSync.Sdp;

/// <summary>
/// Why an offer (or a stream of it) was not accepted, as a SIP Warning (RFC 3261 section 20.43): the warn-code and
/// a text fit for the warn-text, so a 488 or 606 can say <c>Warning: 305 host "no common codec: ..."</c>.
/// </summary>
/// <param name="WarningCode">A 3xx warn-code of RFC 3261 section 20.43 (see the constants).</param>
/// <param name="Text">What a person reading the peer's log needs to know.</param>
public sealed record SdpRefusal(int WarningCode, string Text)
{
    /// <summary>300: the network type (<c>c=</c> nettype) is not available.</summary>
    public const int IncompatibleNetworkProtocol = 300;

    /// <summary>301: the address type or format is not available (IPv6 not configured, a host name).</summary>
    public const int IncompatibleNetworkAddressFormats = 301;

    /// <summary>302: the transport protocol (<c>m=</c> proto) is not available.</summary>
    public const int IncompatibleTransportProtocol = 302;

    /// <summary>304: none of the offered media types is available.</summary>
    public const int MediaTypeNotAvailable = 304;

    /// <summary>305: none of the offered media formats (codecs) is available.</summary>
    public const int IncompatibleMediaFormat = 305;

    /// <summary>330: multicast is not available.</summary>
    public const int MulticastNotAvailable = 330;

    /// <summary>399: anything else.</summary>
    public const int Miscellaneous = 399;

    /// <inheritdoc />
    public override string ToString() => $"{WarningCode} {Text}";
}
