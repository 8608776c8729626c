using CallSync.Testing.Processes;

namespace CallSync.Testing.Peers.Agent;

/// <summary>The real callsync-agent as a child process (see <see cref="BuiltProgram"/> for which binary runs).</summary>
public static class AgentProcess
{
    /// <summary>The line the agent writes once it serves calls.</summary>
    public const string ReadyLine = "Ready.";

    /// <summary>Starts the agent with <paramref name="arguments"/> ("--config", path...).</summary>
    public static ChildProcess Start(params IReadOnlyList<string> arguments) => Start(arguments, environment: null);

    /// <summary>
    /// Starts the agent with extra environment variables (HOME for alsa-lib's .asoundrc, CALLSYNC_ overrides), and
    /// optionally at a real-time priority (<see cref="ChildProcessOptions.AtRealTimePriority"/>).
    /// </summary>
    public static ChildProcess Start(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory = null, bool realTime = false)
    {
        var options = BuiltProgram.Options("callsync-agent", arguments) with
        {
            Environment = environment ?? new Dictionary<string, string?>(),
            WorkingDirectory = workingDirectory,
        };
        return ChildProcess.Start(realTime ? options.AtRealTimePriority() : options);
    }
}
