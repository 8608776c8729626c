using CallSync.Sip.Syntax;
using CallSync.Sip.Transactions;

namespace CallSync.Sip.UserAgent;

/// <summary>
/// The UAS side of a call's INVITE (RFC 3261 13.3): its server transaction, the ring timeout, the 2xx and its
/// retransmission until the ACK (13.3.1.4), the session timer terms the 2xx will carry. Guarded by the call's lock.
/// </summary>
internal sealed class SipIncomingInvite(SipInviteServerTransaction transaction, SipSessionTimerAnswer? sessionTimer)
{
    public SipInviteServerTransaction Transaction { get; } = transaction;

    /// <summary>The session timer terms the 2xx will carry, or null without a session timer.</summary>
    public SipSessionTimerAnswer? SessionTimer { get; } = sessionTimer;

    /// <summary>Ends the call with 480 when nobody answers.</summary>
    public ITimer? RingTimer { get; set; }

    /// <summary>Our 2xx until the ACK arrives.</summary>
    public SipResponse? Ok { get; set; }

    /// <summary>Retransmits <see cref="Ok"/>: T1 doubling to T2 on UDP, once at 64*T1 (giving up) on reliable transports.</summary>
    public ITimer? RetransmitTimer { get; set; }

    public TimeSpan RetransmitInterval { get; set; }

    /// <summary>Stops every timer.</summary>
    public void StopTimers()
    {
        RingTimer?.Dispose();
        RingTimer = null;
        RetransmitTimer?.Dispose();
        RetransmitTimer = null;
    }
}
