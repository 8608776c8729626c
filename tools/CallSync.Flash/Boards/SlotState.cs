namespace CallSync.Flash.Boards;

/// <summary>A board's slots: the current one, the one marked good (either may be null on a new board), the current VERSION.</summary>
internal sealed record SlotState(string? Current, string? Good, string? Version)
{
    /// <summary>The two slots under /opt/callsync/slots.</summary>
    public static readonly IReadOnlyList<string> Slots = ["a", "b"];

    /// <summary>Whether the current slot is marked good.</summary>
    public bool CurrentIsGood => Current is not null && Current == Good;

    /// <summary>
    /// Where a new release goes: never over the good slot (the way back); otherwise the one not running now.
    /// </summary>
    public string InstallTarget() =>
        Good is not null ? Other(Good) : Current is not null ? Other(Current) : Slots[0];

    /// <summary>The other slot's name.</summary>
    public static string Other(string slot) => slot == Slots[0] ? Slots[1] : Slots[0];
}
