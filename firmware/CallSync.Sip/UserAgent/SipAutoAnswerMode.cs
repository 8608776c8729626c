namespace CallSync.Sip.UserAgent;

/// <summary>When an incoming call is answered without the user.</summary>
public enum SipAutoAnswerMode
{
    /// <summary>Never: the agent calls <see cref="SipCall.Answer"/> on off-hook. The default.</summary>
    Off,

    /// <summary>At once.</summary>
    Immediately,

    /// <summary>After <see cref="SipUserAgentOptions.AutoAnswerDelay"/>.</summary>
    AfterDelay,

    /// <summary>Only when the INVITE asks for it: Call-Info <c>answer-after=N</c> or Alert-Info with <c>auto-answer</c> / <c>info=alert-autoanswer</c>.</summary>
    WhenRequested,
}
