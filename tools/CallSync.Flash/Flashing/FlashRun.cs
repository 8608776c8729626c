using CallSync.Flash.Boards;

namespace CallSync.Flash.Flashing;

/// <summary>Runs one operation on many boards, at most <c>parallel</c> at a time, and returns the outcomes in board order.</summary>
internal static class FlashRun
{
    public static async Task<IReadOnlyList<BoardOutcome>> ForEachAsync(IReadOnlyList<IBoard> boards, int parallel,
        Func<IBoard, CancellationToken, Task<BoardOutcome>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(boards);
        ArgumentNullException.ThrowIfNull(operation);
        using var slots = new SemaphoreSlim(Math.Max(1, parallel));
        var tasks = boards.Select(async board =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await operation(board, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Exit code for a finished run: 0 when every board is good, 1 otherwise.</summary>
    public static int ExitCode(IReadOnlyList<BoardOutcome> outcomes) => outcomes.All(o => o.Succeeded) ? FlashExit.Ok : FlashExit.BoardFailed;
}
