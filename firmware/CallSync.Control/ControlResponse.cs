namespace CallSync.Control;

/// <summary>The agent's answer: an exit code for the technician CLI and the text to show.</summary>
public sealed record ControlResponse(int Exit, string Text)
{
    /// <summary>Done.</summary>
    public static ControlResponse Ok(string text) => new(ControlExit.Ok, text);

    /// <summary>Understood but refused (busy, not possible now, not supported yet).</summary>
    public static ControlResponse Refused(string text) => new(ControlExit.Refused, text);

    /// <summary>Not understood: wrong command or arguments.</summary>
    public static ControlResponse Usage(string text) => new(ControlExit.Usage, text);
}
