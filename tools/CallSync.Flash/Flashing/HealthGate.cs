using CallSync.Flash.Boards;

namespace CallSync.Flash.Flashing;

/// <summary>
/// Waits until the agent reports itself healthy from the expected slot, or the time is up. The board's answer, not
/// systemd's "active", decides: SIP listening/registered, MQTT connected when configured, control socket up.
/// </summary>
internal static class HealthGate
{
    /// <summary>The last health seen: healthy from <paramref name="slot"/>, or the reason it was not by the deadline.</summary>
    public static async Task<BoardHealth> WaitAsync(IBoard board, string slot, GateOptions options, TimeProvider time,
        Action<BoardHealth> onPoll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onPoll);
        var deadline = time.GetUtcNow() + options.Timeout;
        while (true)
        {
            BoardHealth health;
            try
            {
                health = await board.HealthAsync(cancellationToken).ConfigureAwait(false);
                if (health.Healthy && health.Slot != slot)
                {
                    health = health with { Healthy = false, Reason = $"the agent runs from slot {health.Slot ?? "?"}, not {slot} (the board fell back)" };
                }
            }
            catch (BoardException ex)
            {
                // A board that restarts drops ssh for a moment: keep asking until the deadline.
                health = new BoardHealth(false, null, null, ex.Message);
            }

            onPoll(health);
            if (health.Healthy)
            {
                return health;
            }

            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return health with { Reason = $"not healthy within {options.Timeout.TotalSeconds:0}s: {health.Reason}" };
            }

            await Task.Delay(left < options.Interval ? left : options.Interval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
