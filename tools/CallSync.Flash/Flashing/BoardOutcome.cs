namespace CallSync.Flash.Flashing;

/// <summary>One board's result: what it runs now and why it ended so.</summary>
internal sealed record BoardOutcome(string Board, FlashResult Result, string? Slot, string? Version, string Reason, TimeSpan Elapsed)
{
    /// <summary>Whether the board counts as a success for the exit code.</summary>
    public bool Succeeded => Result is FlashResult.Healthy or FlashResult.DryRun;
}
