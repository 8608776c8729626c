namespace CallSync.Flash.Flashing;

/// <summary>How a board ended.</summary>
internal enum FlashResult
{
    /// <summary>Healthy on the new slot, marked good.</summary>
    Healthy,

    /// <summary>Nothing changed: --dry-run.</summary>
    DryRun,

    /// <summary>The new release failed the gate; the board is back on its previous slot, healthy.</summary>
    RolledBack,

    /// <summary>Failed: before the switch (the board still runs what it ran), or the way back failed too.</summary>
    Failed,

    /// <summary>ssh could not reach the board; nothing changed.</summary>
    Unreachable,
}
