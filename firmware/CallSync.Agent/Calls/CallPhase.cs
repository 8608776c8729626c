namespace CallSync.Agent.Calls;

/// <summary>Where a call is, as the call manager sees it.</summary>
internal enum CallPhase
{
    /// <summary>Outgoing: the INVITE is on its way or the far end rings.</summary>
    Dialling,

    /// <summary>Incoming: this phone rings.</summary>
    Ringing,

    /// <summary>Answered.</summary>
    Talking,

    /// <summary>Answered, on hold (either side).</summary>
    Held,

    /// <summary>Ended; its media is being stopped and its record committed.</summary>
    Finishing,
}
