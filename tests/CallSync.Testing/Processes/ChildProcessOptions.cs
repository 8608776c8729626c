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
}
