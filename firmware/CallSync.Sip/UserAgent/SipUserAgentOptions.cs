using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Tls;
using CallSync.Sdp;
using CallSync.Sip.Transactions;

namespace CallSync.Sip.UserAgent;

/// <summary>Configuration of the user agent (section <c>Sip</c> of the agent's configuration).</summary>
public sealed record SipUserAgentOptions
{
    /// <summary>
    /// Listening endpoints, e.g. <c>udp:0.0.0.0:5060</c>, <c>tcp:0.0.0.0:5060</c>, <c>tls:0.0.0.0:5061</c> (needs a
    /// certificate in <see cref="Tls"/>); port 0 picks a free port.
    /// </summary>
    public IReadOnlyList<SipListenEndPoint> ListenEndPoints { get; init; } = [SipListenEndPoint.Parse("udp:0.0.0.0:5060")];

    /// <summary>The account's user part (the phone's number), e.g. <c>1001</c>.</summary>
    public required string User { get; init; }

    /// <summary>The SIP domain / registrar host[:port]; null for peer-to-peer use without registration.</summary>
    public string? Domain { get; init; }

    /// <summary>
    /// How REGISTER and calls to plain numbers reach <see cref="Domain"/>: <see cref="SipTransportKind.Tls"/> for a
    /// registrar given as <c>sips:</c> or <c>;transport=tls</c> (the requests then carry <c>;transport=tls</c>, so the
    /// registration and the calls share one TLS flow); null: UDP when a UDP endpoint is bound, else TCP.
    /// </summary>
    public SipTransportKind? DomainTransport { get; init; }

    /// <summary>
    /// SIP over TLS: the trusted CAs and the phone's certificate (<see cref="SipTlsContext.TryLoad"/>); null: the system's
    /// CA store and no certificate (then no <c>tls:</c> endpoint can listen).
    /// </summary>
    public SipTlsContext? Tls { get; init; }

    /// <summary>
    /// RFC 5626 section 4.4.1 keep-alive of the TCP and TLS flows this phone opens (to its registrar and proxy): a
    /// double-CRLF ping at a random 80-100 % of this interval, and the flow counts as failed without a pong within
    /// 10 s; the registration is then refreshed over a new flow at once. Default 120 s; zero: no keep-alives.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The authentication user name (defaults to <see cref="User"/>).</summary>
    public string? AuthUser { get; init; }

    /// <summary>The password; never logged.</summary>
    public string? Password { get; init; }

    /// <summary>The display name in From, or null.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Whether to register with <see cref="Domain"/>; true by default when a domain is set.</summary>
    public bool Register { get; init; } = true;

    /// <summary>The binding lifetime asked for: 600 s.</summary>
    public TimeSpan RegisterExpires { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Refresh at this fraction of the granted lifetime: 0.8.</summary>
    public double RegisterRefreshFraction { get; init; } = 0.8;

    /// <summary>First retry delay after a failed registration; doubles up to <see cref="RegisterRetryMax"/>. 30 s.</summary>
    public TimeSpan RegisterRetryMin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest retry delay: 10 min.</summary>
    public TimeSpan RegisterRetryMax { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// This side's media capabilities (address, codecs, ptime, telephone-event) as every call offers and answers
    /// them; each call is given its own RTP port when it is placed or answered. An incoming offer that these
    /// capabilities cannot answer is refused (488) before anything rings. Default: PCMU and PCMA on 127.0.0.1.
    /// </summary>
    public SdpLocalMedia Media { get; init; } = new() { Address = "127.0.0.1", Port = 9, Codecs = [SdpCodec.Pcmu, SdpCodec.Pcma] };

    /// <summary>Calls allowed at once (active plus waiting); more get 486 Busy Here. Default 2 (one active, one waiting).</summary>
    public int MaxCalls { get; init; } = 2;

    /// <summary>Incoming calls ring at most this long before 480 Temporarily Unavailable: 60 s.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How the answer picks a codec.</summary>
    public SdpAnswerPolicy AnswerPolicy { get; init; } = SdpAnswerPolicy.OfferOrder;

    /// <summary>The User-Agent header value.</summary>
    public string UserAgentName { get; init; } = "CallSync/0.1";

    /// <summary>
    /// Session interval asked for and offered (RFC 4028 Session-Expires): 1800 s. <see cref="TimeSpan.Zero"/> turns
    /// session timers off (no <c>Supported: timer</c>, a <c>Require: timer</c> gets 420). Whole seconds on the wire.
    /// </summary>
    public TimeSpan SessionExpires { get; init; } = TimeSpan.FromSeconds(1800);

    /// <summary>
    /// The shortest session interval accepted (Min-SE): 90 s, the RFC 4028 floor. A peer asking for less gets
    /// 422 Session Interval Too Small. Values below 90 s are for tests only.
    /// </summary>
    public TimeSpan MinSessionExpires { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Transaction timers (T1, T2, T4).</summary>
    public SipTimerOptions Timers { get; init; } = new();

    /// <summary>
    /// DNS servers asked for SRV and address records (RFC 3263 server location); null: the system's, from
    /// /etc/resolv.conf. Empty: no SRV, names resolve through the system's address lookup only.
    /// </summary>
    public IReadOnlyList<System.Net.IPEndPoint>? DnsServers { get; init; }

    /// <summary>
    /// Whether SDES keys (<c>a=crypto</c>, RFC 4568) may go into the SDP of a call whose signalling is not TLS, where
    /// anyone who sees the SIP messages can read them and decrypt the media. False by default: such a call offers
    /// and answers plain RTP when <see cref="SdpLocalMedia.Encryption"/> is optional and is refused (488, or a failed
    /// outgoing call) when it is required.
    /// </summary>
    public bool AllowSdesOverPlainSip { get; init; }
}
