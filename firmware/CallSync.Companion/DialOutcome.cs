using CallSync.Companion.Messages;

namespace CallSync.Companion;

/// <summary>What the agent's dialer answered to a companion dial request.</summary>
/// <param name="Status">Started, busy, rejected or failed.</param>
/// <param name="RecordId">The new call's record id when started.</param>
/// <param name="Reason">Why, when not started.</param>
/// <param name="SipStatus">SIP status when known, else 0.</param>
public sealed record DialOutcome(DialStatus Status, string RecordId, string Reason, int SipStatus)
{
    /// <summary>The call was started.</summary>
    public static DialOutcome Started(string recordId) => new(DialStatus.Started, recordId, string.Empty, 0);

    /// <summary>The phone is in another call.</summary>
    public static DialOutcome Busy() => new(DialStatus.Busy, string.Empty, "the desk phone is busy", 0);

    /// <summary>The request was refused.</summary>
    public static DialOutcome Rejected(string reason) => new(DialStatus.Rejected, string.Empty, reason, 0);

    /// <summary>The call could not be placed.</summary>
    public static DialOutcome Failed(string reason, int sipStatus = 0) => new(DialStatus.Failed, string.Empty, reason, sipStatus);
}
