using CallSync.Companion.Messages;

namespace CallSync.Companion;

/// <summary>What the agent's dialer answered to a companion dial request.</summary>
/// <param name="Status">Started, busy, rejected or failed.</param>
/// <param name="RecordId">The new call's record id when started.</param>
/// <param name="Reason">Why, when not started.</param>
/// <param name="SipStatus">SIP status when known, else 0.</param>
public sealed record CompanionDialOutcome(CompanionDialStatus Status, string RecordId, string Reason, int SipStatus)
{
    /// <summary>The call was started.</summary>
    public static CompanionDialOutcome Started(string recordId) => new(CompanionDialStatus.Started, recordId, string.Empty, 0);

    /// <summary>The phone is in another call.</summary>
    public static CompanionDialOutcome Busy() => new(CompanionDialStatus.Busy, string.Empty, "the desk phone is busy", 0);

    /// <summary>The request was refused.</summary>
    public static CompanionDialOutcome Rejected(string reason) => new(CompanionDialStatus.Rejected, string.Empty, reason, 0);

    /// <summary>The call could not be placed.</summary>
    public static CompanionDialOutcome Failed(string reason, int sipStatus = 0) => new(CompanionDialStatus.Failed, string.Empty, reason, sipStatus);
}
