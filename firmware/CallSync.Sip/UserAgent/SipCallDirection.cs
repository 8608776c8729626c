namespace CallSync.Sip.UserAgent;

/// <summary>Who placed the call.</summary>
public enum SipCallDirection
{
    /// <summary>Placed by this phone.</summary>
    Outgoing,

    /// <summary>Placed by the remote party.</summary>
    Incoming,
}
