namespace CallSync.Agent.Calls;

/// <summary>How a dial request ended up.</summary>
internal enum DialAttemptStatus
{
    /// <summary>The call was placed.</summary>
    Started,

    /// <summary>Refused: another call is up.</summary>
    Busy,

    /// <summary>Refused: the target is malformed.</summary>
    Invalid,

    /// <summary>Could not be placed.</summary>
    Failed,
}
