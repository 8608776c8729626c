namespace CallSync.Flash.Boards;

/// <summary>Where things live on a board (docs/flashing.md, "On the board").</summary>
internal static class BoardLayout
{
    public const string Root = "/opt/callsync";
    public const string Current = Root + "/current";
    public const string SlotsDirectory = Root + "/slots";
    public const string Good = SlotsDirectory + "/good";
    public const string SlotSelect = Root + "/slot-select";

    /// <summary>On tmpfs: a reboot clears the trial, so the boot-time check falls back to the good slot.</summary>
    public const string Trial = "/run/callsync-trial";

    public const string Unit = "/etc/systemd/system/callsync-agent.service";
    /// <summary>A link to <c>current/agent.json</c>: each slot carries the configuration it was flashed with.</summary>
    public const string AgentConfig = "/etc/callsync/agent.json";

    /// <summary>The configuration's name inside a slot.</summary>
    public const string SlotConfigName = "agent.json";
    public const string Service = "callsync-agent";

    /// <summary>The directory of slot <paramref name="slot"/> (a or b).</summary>
    public static string Slot(string slot) => $"{SlotsDirectory}/{slot}";
}
