namespace CallSync.Agent.Configuration;

/// <summary>When an incoming call is answered without the handset being lifted.</summary>
public enum AutoAnswerMode
{
    /// <summary>Never: ring until the user lifts the handset.</summary>
    Off,

    /// <summary>Always, after <see cref="SipOptions.AutoAnswerDelay"/>.</summary>
    Always,

    /// <summary>Only when the INVITE asks for it (Call-Info answer-after, Alert-Info auto-answer).</summary>
    WhenRequested,
}
