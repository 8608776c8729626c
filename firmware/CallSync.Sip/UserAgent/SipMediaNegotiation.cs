using CallSync.Sdp;
using CallSync.Sip.Transport;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// One call's offer/answer state (RFC 3264): this side's media for the call, its o= line over the dialog (session
/// id constant, version up by one for each changed description actually sent, section 8), the peer's last origin
/// (an unchanged one is a pure refresh), the offer waiting for our answer, the result in force, and our hold.
/// Guarded by the call's lock.
/// </summary>
internal sealed class SipMediaNegotiation
{
    private readonly SdpLocalOrigin _origin = new();

    public SipMediaNegotiation(SdpLocalMedia local) => Local = local;

    /// <summary>This side's media for the call: address, RTP port, codecs.</summary>
    public SdpLocalMedia Local { get; set; }

    /// <summary>
    /// False when SDES keys must stay out of this call's SDP (its signalling is not TLS and keys over plain SIP are not
    /// allowed): optional encryption then offers and answers plain RTP. Required encryption never gets here: such a
    /// call is refused first (<see cref="SdesRefusal"/>).
    /// </summary>
    public bool KeysMayTravel { get; set; } = true;

    /// <summary>The description we sent last (offer or answer), or null before the first.</summary>
    public SdpSessionDescription? LocalSdp { get; set; }

    /// <summary>The origin of the peer's last description.</summary>
    public SdpOrigin? RemoteOrigin { get; set; }

    /// <summary>The peer's offer that our answer (the 200 to its INVITE) has yet to answer.</summary>
    public SdpSessionDescription? PendingOffer { get; set; }

    /// <summary>The result in force, or null before the first exchange completed.</summary>
    public SdpNegotiatedMedia? Current { get; private set; }

    /// <summary>True while this side holds the call.</summary>
    public bool LocalHold { get; set; }

    /// <summary>The direction this side offers or answers with: sendonly while it holds.</summary>
    public SdpDirection OwnDirection => LocalHold ? SdpDirection.SendOnly : SdpDirection.SendRecv;

    /// <summary>An offer about to be sent (an INVITE, a re-INVITE, an offerless INVITE's 200), stamped with our o= line.</summary>
    public SdpSessionDescription CreateOffer(SdpDirection direction) =>
        _origin.Stamp(SdpOfferAnswer.CreateOffer(For(direction)));

    /// <summary>
    /// Our answer to <paramref name="offer"/>; its media is null (and nothing is stamped: it will not be sent) when
    /// nothing is acceptable.
    /// </summary>
    public SdpAnswer CreateAnswer(SdpSessionDescription offer, SdpDirection direction, SdpAnswerPolicy policy)
    {
        var answer = SdpOfferAnswer.CreateAnswer(offer, For(direction), policy);
        return answer.Media is null ? answer : answer with { Session = _origin.Stamp(answer.Session) };
    }

    /// <summary>
    /// Why a call with <paramref name="media"/> over signalling of <paramref name="transport"/> cannot be made: SRTP is
    /// required but SDES keys may not travel over that signalling (RFC 4568 section 8.3: the SDP carrying them must be
    /// protected). Null when it can.
    /// </summary>
    public static string? SdesRefusal(SdpLocalMedia media, SipTransportKind transport, bool allowPlainSip) =>
        media.Encryption == SdpEncryption.Required && transport != SipTransportKind.Tls && !allowPlainSip
            ? $"SRTP required, but SDES keys are not sent over unencrypted SIP ({transport.ToString().ToUpperInvariant()}); TLS signalling needed"
            : null;

    /// <summary>Whether SDES keys may go into the SDP of a call signalled over <paramref name="transport"/>.</summary>
    public static bool MayKeysTravel(SipTransportKind transport, bool allowPlainSip) => transport == SipTransportKind.Tls || allowPlainSip;

    /// <summary>Takes a completed exchange's result; true when it differs from the one in force.</summary>
    public bool Apply(SdpNegotiatedMedia media)
    {
        if (media == Current)
        {
            return false;
        }

        Current = media;
        return true;
    }

    /// <summary>This side's media for one description: the direction, and no keys where they may not travel.</summary>
    public SdpLocalMedia For(SdpDirection direction) => Local with
    {
        Direction = direction,
        Encryption = KeysMayTravel ? Local.Encryption : SdpEncryption.Off,
    };
}
