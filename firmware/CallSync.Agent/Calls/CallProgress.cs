namespace CallSync.Agent.Calls;

/// <summary>How a call moved on, as the companion link and the log report it.</summary>
internal enum CallProgress
{
    /// <summary>An incoming call rings here, or the far end rings for an outgoing one.</summary>
    Ringing,

    /// <summary>The call was answered.</summary>
    Answered,

    /// <summary>The call ended and its record was committed.</summary>
    Ended,
}
