using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;

namespace CallSync.Sip.UserAgent;

/// <summary>The UAC side of a call's INVITE (RFC 3261 13.2, 9.1): the request in flight, CANCEL and ACK state. Guarded by the call's lock.</summary>
internal sealed class SipOutgoingInvite
{
    /// <summary>The INVITE as last sent (a digest retry sends a new one).</summary>
    public SipRequest? Request { get; set; }

    /// <summary>Its client transaction.</summary>
    public SipClientTransaction? Transaction { get; set; }

    /// <summary>A provisional response arrived: a CANCEL may be sent now (RFC 3261 9.1).</summary>
    public bool ProvisionalReceived { get; set; }

    /// <summary>The user hung up before the answer; CANCEL is sent as soon as it may be.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>The ACK of the 2xx, kept to answer its retransmissions (RFC 3261 13.2.2.4).</summary>
    public SipRequest? Ack { get; set; }
}
