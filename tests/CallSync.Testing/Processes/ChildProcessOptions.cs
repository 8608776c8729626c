namespace CallSync.Testing.Processes;

/// <summary>How to start a <see cref="ChildProcess"/>.</summary>
public sealed record ChildProcessOptions
{
    public ChildProcessOptions(string fileName, params IReadOnlyList<string> arguments)
    {
        FileName = fileName;
        Arguments = arguments;
    }

    /// <summary>The program (looked up on PATH) or a path to it.</summary>
    public string FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The name used in messages; the program's file name by default.</summary>
    public string? Name { get; init; }

    /// <summary>The working directory; the test's current directory by default.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Lines of output kept (the oldest are dropped beyond it).</summary>
    public int OutputCapacity { get; init; } = 20_000;

    /// <summary>How long <see cref="ChildProcess.Stop"/> (and dispose) waits after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The same program at a real-time priority (SCHED_FIFO 10 through chrt; needs root), for a test whose subject is
    /// not the machine's load: on a shared 2-core machine a program starved of CPU falls behind and catches up in a
    /// burst, which a test of stream handling must not blame on the program under test. The kernel's real-time
    /// throttling (95 % of each second by default) keeps the machine usable.
    /// </summary>
    public ChildProcessOptions AtRealTimePriority() => this with
    {
        FileName = "chrt",
        Arguments = ["-f", "10", FileName, .. Arguments],
        Name = Name ?? System.IO.Path.GetFileName(FileName),
    };
}
