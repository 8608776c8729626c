namespace CallSync.Hal.Simulated;

/// <summary>What a board line command does.</summary>
public enum BoardCommandKind
{
    /// <summary>Press keys.</summary>
    Keys,

    /// <summary>Lift the handset.</summary>
    HookOff,

    /// <summary>Replace the handset.</summary>
    HookOn,

    /// <summary>Show the board's state.</summary>
    Show,
}
