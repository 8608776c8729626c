namespace CallSync.Flash.Flashing;

/// <summary>Where one board is in a flash (or a rollback).</summary>
internal enum FlashStage
{
    Waiting,
    Probe,
    Copy,
    Verify,
    Switch,
    Gate,
    RollingBack,
    Done,
    Failed,
}
