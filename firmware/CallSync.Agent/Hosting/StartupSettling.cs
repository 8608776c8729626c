namespace CallSync.Agent.Hosting;

/// <summary>
/// When start-up has settled enough for the memory trim: at least <see cref="Minimum"/> after the host started (its
/// services finish their first steps after it), the agent healthy (no status source reports a problem: the broker
/// connected, the line registered, as <c>callsync status</c> shows) and no call up. The first connections run after
/// the host has started, and their code (TLS handshakes, certificate chains) is start-up's too. A problem that
/// outlasts <c>limit</c> (a broker down) does not hold the trim back longer; a call always does.
/// </summary>
internal static class StartupSettling
{
    /// <summary>The least wait: the host's services run their first steps after it has started.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(2);

    /// <summary>How often the status is looked at while waiting.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until idle and healthy (and <see cref="Minimum"/> has passed), or idle once <paramref name="limit"/> has passed.</summary>
    /// <param name="problems">The agent's problems now (<see cref="StatusReport.Problems"/>).</param>
    /// <param name="idle">Whether no call is up now.</param>
    public static Task<Settled> WaitAsync(
        Func<IReadOnlyList<string>> problems, Func<bool> idle, TimeProvider time, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        return WaitAsync(problems, idle, time, limit, (pause, token) => Task.Delay(pause, time, token), cancellationToken);
    }

    /// <summary>The same, with the pause between looks given (a test advances its clock there).</summary>
    internal static async Task<Settled> WaitAsync(
        Func<IReadOnlyList<string>> problems,
        Func<bool> idle,
        TimeProvider time,
        TimeSpan limit,
        Func<TimeSpan, CancellationToken, Task> pause,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(idle);
        ArgumentNullException.ThrowIfNull(pause);
        long started = time.GetTimestamp();
        while (true)
        {
            var now = problems();
            var waited = time.GetElapsedTime(started);
            if (waited >= Minimum && idle() && (now.Count == 0 || waited >= limit))
            {
                return new Settled(waited, now.Count == 0 ? null : string.Join("; ", now));
            }

            await pause(Poll, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>How start-up settled: after how long, and what was still wrong when the wait gave up on it (null: healthy).</summary>
internal readonly record struct Settled(TimeSpan Waited, string? Problem);
