using CallSync.Sdp;

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
        _origin.Stamp(SdpOfferAnswer.CreateOffer(Local with { Direction = direction }));

    /// <summary>
    /// Our answer to <paramref name="offer"/>; its media is null (and nothing is stamped: it will not be sent) when
    /// nothing is acceptable.
    /// </summary>
    public SdpAnswer CreateAnswer(SdpSessionDescription offer, SdpDirection direction, SdpAnswerPolicy policy)
    {
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local with { Direction = direction }, policy);
        return answer.Media is null ? answer : answer with { Session = _origin.Stamp(answer.Session) };
    }

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
}
