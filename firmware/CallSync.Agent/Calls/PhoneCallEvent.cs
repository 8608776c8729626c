namespace CallSync.Agent.Calls;

/// <summary>The call events the phone reports to the companion link and the log.</summary>
public enum PhoneCallEvent
{
    /// <summary>An incoming call rings here, or the far end rings for an outgoing one.</summary>
    Ringing,

    /// <summary>The call was answered.</summary>
    Answered,

    /// <summary>The call ended and its record was split.</summary>
    Ended,
}
