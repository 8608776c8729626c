namespace CallSync.Control;

/// <summary>Exit codes shared by the control socket and the technician CLI.</summary>
public static class ControlExit
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Refused: the agent understood but will not or cannot do it now.</summary>
    public const int Refused = 1;

    /// <summary>Usage: the command or its arguments are wrong.</summary>
    public const int Usage = 2;

    /// <summary>The agent could not be reached.</summary>
    public const int Unreachable = 3;
}
