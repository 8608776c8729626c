using System.Globalization;
using System.Security.Cryptography;
using CallSync.Sdp;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// One call's offer/answer state (RFC 3264): this side's media for the call, the description last sent (its
/// session id constant, its version raised for every new offer or answer, section 8), the peer's last origin (an
/// unchanged one is a pure refresh), the offer waiting for our answer, the result in force, and our hold.
/// Guarded by the call's lock.
/// </summary>
internal sealed class SipMediaNegotiation
{
    private readonly string _sessionId = (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 2).ToString(CultureInfo.InvariantCulture);
    private ulong _version;

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

    /// <summary>A new offer (new version), e.g. for a re-INVITE or an offerless INVITE's 200.</summary>
    public SdpSessionDescription CreateOffer(SdpDirection direction) => SdpOfferAnswer.CreateOffer(Next(direction));

    /// <summary>Our answer to <paramref name="offer"/> (new version); its media is null when nothing is acceptable.</summary>
    public SdpAnswer CreateAnswer(SdpSessionDescription offer, SdpDirection direction, SdpAnswerPolicy policy) =>
        SdpOfferAnswer.CreateAnswer(offer, Next(direction), policy);

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

    private SdpLocalMedia Next(SdpDirection direction) => new()
    {
        Address = Local.Address,
        Port = Local.Port,
        Codecs = Local.Codecs,
        Ptime = Local.Ptime,
        MaxPtime = Local.MaxPtime,
        TelephoneEvent = Local.TelephoneEvent,
        Direction = direction,
        SessionId = _sessionId,
        SessionVersion = ++_version,
        UserName = Local.UserName,
    };
}
