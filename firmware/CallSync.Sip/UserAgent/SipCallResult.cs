namespace CallSync.Sip.UserAgent;

/// <summary>How a call ended, for the call record.</summary>
public enum SipCallResult
{
    /// <summary>The call was answered (whoever hung up later).</summary>
    Answered,

    /// <summary>Busy: 486 / 600, or this phone was at its call limit.</summary>
    Busy,

    /// <summary>Nobody answered: 408 / 480, or a timeout.</summary>
    NoAnswer,

    /// <summary>Declined: 603, or the user rejected an incoming call.</summary>
    Rejected,

    /// <summary>The caller gave up before an answer (CANCEL, 487).</summary>
    Cancelled,

    /// <summary>Any other failure (4xx-6xx, no usable media, transport errors).</summary>
    Failed,
}
