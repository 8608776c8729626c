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

    /// <summary>
    /// Starts the agent in a mount namespace of its own in which <paramref name="file"/> reads as an empty file
    /// (/dev/null bound over it): a library missing or broken on a board, with the machine itself untouched. Needs
    /// root, for unshare and mount.
    /// </summary>
    public static ChildProcess StartWithFileBroken(string file, params IReadOnlyList<string> arguments)
    {
        var agent = BuiltProgram.Options("callsync-agent", arguments);
        return ChildProcess.Start(agent with
        {
            FileName = "unshare",
            Arguments = ["--mount", "--propagation", "private", "sh", "-c", "mount --bind /dev/null \"$0\" && exec \"$@\"", file, agent.FileName, .. agent.Arguments],
        });
    }

    /// <summary>
    /// A file of the agent's install: beside the binary <c>CALLSYNC_AGENT</c> names (a published agent), else where the
    /// .NET host finds it beside the tests (<paramref name="jitRelativePath"/>, e.g. runtimes/linux-x64/native/x.so).
    /// </summary>
    public static string InstalledFile(string publishedName, string jitRelativePath)
    {
        var binary = Environment.GetEnvironmentVariable("CALLSYNC_AGENT");
        return binary is { Length: > 0 }
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(binary))!, publishedName)
            : Path.Combine(AppContext.BaseDirectory, jitRelativePath);
    }
}
