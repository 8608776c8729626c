namespace CallSync.Companion.Messages;

/// <summary>Status field of DialResult.</summary>
public enum CompanionDialStatus : byte
{
    /// <summary>The call was started; RecordId names it.</summary>
    Started = 0,

    /// <summary>The phone is in another call.</summary>
    Busy = 1,

    /// <summary>The request was refused (invalid number, policy); Reason says why.</summary>
    Rejected = 2,

    /// <summary>The call could not be placed (network, SIP); Reason and SipStatus say why.</summary>
    Failed = 3,
}
