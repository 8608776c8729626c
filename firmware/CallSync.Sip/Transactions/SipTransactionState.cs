namespace CallSync.Sip.Transactions;

/// <summary>The states of RFC 3261 section 17 (plus Accepted from RFC 6026 for INVITE 2xx).</summary>
public enum SipTransactionState
{
    /// <summary>INVITE client: request sent, nothing received.</summary>
    Calling,

    /// <summary>Non-INVITE: request sent or received, no response yet.</summary>
    Trying,

    /// <summary>A provisional response was received or sent.</summary>
    Proceeding,

    /// <summary>A non-2xx final (or, non-INVITE, any final) response; absorbing retransmissions.</summary>
    Completed,

    /// <summary>INVITE server: the ACK arrived for a non-2xx final.</summary>
    Confirmed,

    /// <summary>INVITE, RFC 6026: a 2xx final; retransmissions go to the user agent.</summary>
    Accepted,

    /// <summary>Finished; the transaction is forgotten.</summary>
    Terminated,
}
