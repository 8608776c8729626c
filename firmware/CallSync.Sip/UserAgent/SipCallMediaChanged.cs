using CallSync.Sdp;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// An offer/answer exchange completed with a new result: the first one of the call, and every later one that
/// changed it (re-INVITE from either side, hold, resume, a new address or codec). A pure session refresh raises
/// nothing.
/// </summary>
/// <param name="Call">The call.</param>
/// <param name="Media">The negotiated stream; its <see cref="SdpNegotiatedMedia.Direction"/> is this side's.</param>
/// <param name="LocalHold">True when this side holds the call (its last offer was sendonly or inactive).</param>
public sealed record SipCallMediaChanged(SipCall Call, SdpNegotiatedMedia Media, bool LocalHold) : SipCallEvent(Call)
{
    /// <summary>True when either side holds the call.</summary>
    public bool Held => LocalHold || Media.Direction is Sdp.SdpDirection.RecvOnly or Sdp.SdpDirection.Inactive;
}
