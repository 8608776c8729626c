namespace CallSync.Flash.Flashing;

/// <summary>Receives each board's progress (the display) and its detailed log lines (the per-board log file).</summary>
internal interface IFlashObserver
{
    /// <summary>The board entered <paramref name="stage"/>; <paramref name="detail"/> is one short line.</summary>
    void Stage(string board, FlashStage stage, string detail);

    /// <summary>A line for the board's log only.</summary>
    void Log(string board, string line);
}
