namespace CallSync.Sip.UserAgent;

/// <summary>The user-visible state of a call.</summary>
public enum SipCallState
{
    /// <summary>Outgoing INVITE sent, no ringing yet.</summary>
    Calling,

    /// <summary>Ringing (incoming: this phone rings; outgoing: 180/183 received).</summary>
    Ringing,

    /// <summary>Answered and media flowing.</summary>
    Answered,

    /// <summary>Answered, on hold (either side).</summary>
    Held,

    /// <summary>Finished; see <see cref="SipCall.Outcome"/>.</summary>
    Ended,
}
