namespace CallSync.Sdp;

/// <summary>
/// What this side can do for one audio stream; the input to offer and answer creation. A record, so a caller
/// derives the description for one exchange with <c>with</c> (direction, version) and keeps everything else.
/// </summary>
public sealed record SdpLocalMedia
{
    /// <summary>The numeric address offered for RTP (IPv4 or IPv6); answers use it for offers of its family.</summary>
    public required string Address { get; init; }

    /// <summary>
    /// The numeric IPv6 address used to answer an <c>IN IP6</c> offer when <see cref="Address"/> is IPv4; null when
    /// IPv6 media is not configured (such offers are then refused with 301 "IPv6 media not configured").
    /// </summary>
    public string? Ipv6Address { get; init; }

    /// <summary>The local RTP port (RTCP on the next one).</summary>
    public required int Port { get; init; }

    /// <summary>Codecs in this side's preference order: the offer lists them in this order.</summary>
    public required IReadOnlyList<SdpCodec> Codecs { get; init; }

    /// <summary>The packetisation time in milliseconds written as <c>a=ptime</c> (20 by default).</summary>
    public int Ptime { get; init; } = 20;

    /// <summary>The <c>a=maxptime</c> value in milliseconds, or null to leave it out.</summary>
    public int? MaxPtime { get; init; }

    /// <summary>Whether to offer and accept RFC 4733 telephone-event (DTMF); true by default.</summary>
    public bool TelephoneEvent { get; init; } = true;

    /// <summary>Whether to offer and accept RFC 3389 comfort noise (CN) for the non-Opus codecs; false by default.</summary>
    public bool ComfortNoise { get; init; }

    /// <summary>The direction this side wants (sendonly to put the peer on hold).</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>Whether the stream is SRTP keyed by SDES; <see cref="SdpEncryption.Off"/> by default.</summary>
    public SdpEncryption Encryption { get; init; }

    /// <summary>
    /// The SDES crypto suites this side keys, in its preference order (offered in this order, each line with its own
    /// fresh key); by default <see cref="SdpSrtp.DefaultSuites"/>. Only suites <see cref="SdpSrtp"/> knows the key
    /// length of are used.
    /// </summary>
    public IReadOnlyList<string> CryptoSuites { get; init; } = SdpSrtp.DefaultSuites;

    /// <summary>The o= session id, constant for a call: a fresh random number unless set.</summary>
    public ulong SessionId { get; init; } = SdpOrigin.NewSessionId();

    /// <summary>The o= version; the caller increases it for every new offer or answer that changes (RFC 3264 section 8).</summary>
    public ulong SessionVersion { get; init; }

    /// <summary>The o= user name; a name with whitespace or control characters is written as <c>-</c>.</summary>
    public string UserName { get; init; } = "-";
}
