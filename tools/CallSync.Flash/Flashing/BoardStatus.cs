using CallSync.Flash.Boards;

namespace CallSync.Flash.Flashing;

/// <summary>One look at a board for <c>status</c>: its slots and the agent's health, without changing anything.</summary>
internal static class BoardStatus
{
    /// <summary>
    /// The outcome's reason is "MARK  HEALTH": <c>good</c>, or <c>UNMARKED</c> when the current slot is not marked good
    /// (an interrupted flash, or one whose gate is still running), then <c>healthy</c> or why not.
    /// </summary>
    public static async Task<BoardOutcome> ReadAsync(IBoard board, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        try
        {
            var slots = await board.ProbeAsync(cancellationToken).ConfigureAwait(false);
            var health = await board.HealthAsync(cancellationToken).ConfigureAwait(false);
            var mark = slots.Current is null ? "-" : slots.CurrentIsGood ? "good" : "UNMARKED";
            return new BoardOutcome(board.Name, health.Healthy ? FlashResult.Healthy : FlashResult.Failed, slots.Current, slots.Version,
                $"{mark,-8}  {(health.Healthy ? "healthy" : "UNHEALTHY: " + health.Reason)}", TimeSpan.Zero);
        }
        catch (BoardException ex)
        {
            return new BoardOutcome(board.Name, ex.Unreachable ? FlashResult.Unreachable : FlashResult.Failed, null, null, $"{"-",-8}  {ex.Message}", TimeSpan.Zero);
        }
    }
}
