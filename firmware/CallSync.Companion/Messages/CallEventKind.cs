namespace CallSync.Companion.Messages;

/// <summary>Kind field of CallEvent.</summary>
public enum CallEventKind : byte
{
    /// <summary>The remote side is ringing (or an incoming call rings).</summary>
    Ringing = 1,

    /// <summary>The call was answered.</summary>
    Answered = 2,

    /// <summary>The call ended; Detail carries the result.</summary>
    Ended = 3,
}
