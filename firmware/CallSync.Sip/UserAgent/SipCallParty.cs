namespace CallSync.Sip.UserAgent;

/// <summary>Who ended a call.</summary>
public enum SipCallParty
{
    /// <summary>The phone's user (on-hook, reject, cancel).</summary>
    Local,

    /// <summary>The remote party or the network (BYE, CANCEL, a final error).</summary>
    Remote,

    /// <summary>The stack itself (timeouts, busy limit, shutdown).</summary>
    System,
}
