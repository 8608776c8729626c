using CallSync.Flash.Boards;

namespace CallSync.Flash.Flashing;

/// <summary>
/// Flashes one board: copy into the slot that is not the good one, verify every hash on the board, switch on trial,
/// health gate; mark good only after the gate passes, otherwise go back to the previous slot and check it is healthy.
/// The current link moves only after copy and verify, so a board that loses power before then still boots the old slot;
/// after the switch, the trial marker lives in /run and the boot-time check falls back to the good slot.
/// </summary>
internal sealed class BoardFlasher(IFlashObserver observer, TimeProvider time)
{
    /// <summary>Flashes <paramref name="board"/> with <paramref name="plan"/>; never throws for the board's sake.</summary>
    public async Task<BoardOutcome> FlashAsync(IBoard board, FlashPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(plan);
        var started = time.GetTimestamp();
        var version = plan.Manifest.Version;
        SlotState state;
        try
        {
            Report(board, FlashStage.Probe, "reading slots");
            state = await board.ProbeAsync(cancellationToken).ConfigureAwait(false);
            var target = state.InstallTarget();
            var way = $"slot {target} (now {Describe(state)})";
            if (plan.DryRun)
            {
                return Finish(board, FlashResult.DryRun, state.Current, state.Version, $"would install {version} into {way}", started);
            }

            Report(board, FlashStage.Copy, $"{plan.Manifest.Files.Count} files into {way}");
            await board.CopyAsync(target, plan.PayloadDirectory, plan.AgentConfig, cancellationToken).ConfigureAwait(false);

            Report(board, FlashStage.Verify, "sha256 of every file on the board");
            if (await board.VerifyAsync(target, plan.Manifest, cancellationToken).ConfigureAwait(false) is { } mismatch)
            {
                return Finish(board, FlashResult.Failed, state.Current, state.Version, $"{mismatch}; not switched, still on {Describe(state)}", started);
            }

            // The way back: the good slot, or on a board never flashed with marks, whatever ran before.
            var previous = state.Good ?? state.Current;
            return await ActivateAsync(board, target, previous, plan.Gate, started, cancellationToken).ConfigureAwait(false);
        }
        catch (BoardException ex)
        {
            return Finish(board, ex.Unreachable ? FlashResult.Unreachable : FlashResult.Failed, null, null, ex.Message, started);
        }
    }

    /// <summary>Switches <paramref name="board"/> to its other slot (the good one when the current is unmarked) through the same gate.</summary>
    public async Task<BoardOutcome> RollbackAsync(IBoard board, GateOptions gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        var started = time.GetTimestamp();
        try
        {
            Report(board, FlashStage.Probe, "reading slots");
            var state = await board.ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (state.Current is null)
            {
                return Finish(board, FlashResult.Failed, null, null, "no slot is current: nothing to roll back from", started);
            }

            var target = state.CurrentIsGood || state.Good is null ? SlotState.Other(state.Current) : state.Good;
            return await ActivateAsync(board, target, state.Current, gate, started, cancellationToken).ConfigureAwait(false);
        }
        catch (BoardException ex)
        {
            return Finish(board, ex.Unreachable ? FlashResult.Unreachable : FlashResult.Failed, null, null, ex.Message, started);
        }
    }

    private async Task<BoardOutcome> ActivateAsync(IBoard board, string target, string? previous, GateOptions gate, long started,
        CancellationToken cancellationToken)
    {
        string why;
        try
        {
            Report(board, FlashStage.Switch, $"current -> slot {target} (on trial), restarting the agent");
            await board.SwitchAsync(target, trial: true, cancellationToken).ConfigureAwait(false);

            Report(board, FlashStage.Gate, $"waiting up to {gate.Timeout.TotalSeconds:0}s for the agent's own health");
            var health = await HealthGate.WaitAsync(board, target, gate, time, h => observer.Log(board.Name, $"health: {h.Reason}"), cancellationToken)
                .ConfigureAwait(false);
            if (health.Healthy)
            {
                await board.MarkGoodAsync(target, cancellationToken).ConfigureAwait(false);
                return Finish(board, FlashResult.Healthy, target, health.Version, "healthy, marked good", started);
            }

            why = health.Reason;
        }
        catch (BoardException ex)
        {
            why = ex.Message;
        }

        var tail = await TryLogTailAsync(board, cancellationToken).ConfigureAwait(false);
        if (tail.Length > 0)
        {
            observer.Log(board.Name, "the agent's last log lines:" + Environment.NewLine + tail);
            why += $" (last log line: {tail.Split('\n')[^1].Trim()})";
        }

        if (previous is null || previous == target)
        {
            return Finish(board, FlashResult.Failed, target, null, $"{why}; no previous slot to go back to", started);
        }

        try
        {
            Report(board, FlashStage.RollingBack, $"back to slot {previous}: {why}");
            await board.SwitchAsync(previous, trial: false, cancellationToken).ConfigureAwait(false);
            var back = await HealthGate.WaitAsync(board, previous, gate, time, h => observer.Log(board.Name, $"health after rollback: {h.Reason}"),
                cancellationToken).ConfigureAwait(false);
            if (!back.Healthy)
            {
                return Finish(board, FlashResult.Failed, previous, back.Version, $"{why}; rolled back to slot {previous}, which is not healthy either: {back.Reason}",
                    started);
            }

            await board.MarkGoodAsync(previous, cancellationToken).ConfigureAwait(false);
            return Finish(board, FlashResult.RolledBack, previous, back.Version, $"slot {target} failed: {why}; back on slot {previous}, healthy", started);
        }
        catch (BoardException ex)
        {
            return Finish(board, FlashResult.Failed, null, null, $"{why}; rollback failed: {ex.Message}", started);
        }
    }

    private static async Task<string> TryLogTailAsync(IBoard board, CancellationToken cancellationToken)
    {
        try
        {
            return await board.LogTailAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BoardException)
        {
            return "";
        }
    }

    private static string Describe(SlotState state) =>
        state.Current is null ? "no release" : $"slot {state.Current}{(state.CurrentIsGood ? "" : " unmarked")}, {state.Version ?? "unknown version"}";

    private void Report(IBoard board, FlashStage stage, string detail)
    {
        observer.Stage(board.Name, stage, detail);
        observer.Log(board.Name, $"{stage}: {detail}");
    }

    private BoardOutcome Finish(IBoard board, FlashResult result, string? slot, string? version, string reason, long started)
    {
        var outcome = new BoardOutcome(board.Name, result, slot, version, reason, time.GetElapsedTime(started));
        Report(board, outcome.Succeeded ? FlashStage.Done : FlashStage.Failed, $"{result}: {reason}");
        return outcome;
    }
}
