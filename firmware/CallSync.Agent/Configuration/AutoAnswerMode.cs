namespace CallSync.Agent.Configuration;

/// <summary>When the call manager answers an incoming call without the user (Sip:AutoAnswer).</summary>
internal enum AutoAnswerMode
{
    /// <summary>Never: the call rings until the handset is lifted. The default.</summary>
    Off,

    /// <summary>At once.</summary>
    Immediately,

    /// <summary>After <see cref="SipOptions.AutoAnswerDelay"/>.</summary>
    AfterDelay,

    /// <summary>Only when the INVITE asks for it: Call-Info <c>answer-after=N</c> or Alert-Info with auto-answer.</summary>
    WhenRequested,
}
