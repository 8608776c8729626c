using System.Globalization;

namespace CallSync.Testing.Processes;

/// <summary>Waiting for a child process's lines and exit, bounded, with failure messages that show its output.</summary>
public sealed partial class ChildProcess
{
    /// <summary>How long output may trail the program's exit (a grandchild may hold the pipes open).</summary>
    private static readonly TimeSpan OutputDrain = TimeSpan.FromSeconds(2);

    /// <summary>True when any line so far contains <paramref name="text"/> (the wait position does not move).</summary>
    public bool HasWritten(string text) => Log.Find(0, line => line.Contains(text, StringComparison.Ordinal)).Line is not null;

    /// <summary>
    /// Waits for the next line containing <paramref name="text"/> after the line the previous wait matched, and
    /// returns it; throws with the tail of the output when the time runs out or the program exits first.
    /// </summary>
    public string WaitForLine(string text, TimeSpan timeout) =>
        WaitForLineAsync(text, timeout).GetAwaiter().GetResult();

    /// <summary>The blocking form of <see cref="WaitForLineAsync(Func{string, bool}, string, TimeSpan)"/>.</summary>
    public string WaitForLine(Func<string, bool> predicate, string description, TimeSpan timeout) =>
        WaitForLineAsync(predicate, description, timeout).GetAwaiter().GetResult();

    /// <inheritdoc cref="WaitForLine(string, TimeSpan)"/>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), $"line containing \"{text}\"", timeout);

    /// <summary>As <see cref="WaitForLine(string, TimeSpan)"/>, for a line that satisfies <paramref name="predicate"/>.</summary>
    /// <param name="description">What the line is, for the failure message ("line starting with ENQUEUED").</param>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string description, TimeSpan timeout)
    {
        var deadline = Task.Delay(timeout);
        while (true)
        {
            var search = Log.Find(Interlocked.Read(ref _cursor), predicate);
            if (search.Line is not null)
            {
                Interlocked.Exchange(ref _cursor, search.Number + 1);
                return search.Line;
            }

            if (search.Ended || _exited.Task.IsCompleted)
            {
                // The rest of the output may still hold the match: drain it and look once more.
                await DrainOutputAsync().ConfigureAwait(false);
                if (Log.Find(Interlocked.Read(ref _cursor), predicate).Line is null)
                {
                    throw new InvalidOperationException($"{Name} ended before a {description}: {Describe()}");
                }

                continue;
            }

            if (deadline.IsCompleted)
            {
                throw new TimeoutException($"no {description} from {Name} within {Seconds(timeout)}: {Describe()}");
            }

            await Task.WhenAny(search.Changed, _exited.Task, deadline).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the program to exit and returns its exit code; on timeout it is stopped and this throws.</summary>
    public int WaitForExit(TimeSpan timeout) => WaitForExitAsync(timeout).GetAwaiter().GetResult();

    /// <inheritdoc cref="WaitForExit(TimeSpan)"/>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)).ConfigureAwait(false) != _exited.Task)
        {
            var description = Describe();
            Stop(TimeSpan.Zero);
            throw new TimeoutException($"{Name} did not exit within {Seconds(timeout)}: {description}");
        }

        await DrainOutputAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    private static string Seconds(TimeSpan timeout) =>
        timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>Around the exit: waits (bounded) for the rest of the output and for the exit itself.</summary>
    private Task DrainOutputAsync() =>
        Task.WhenAny(Task.WhenAll(_standardOutputClosed.Task, _standardErrorClosed.Task, _exited.Task), Task.Delay(OutputDrain));
}
