namespace CallSync.Testing.Processes;

/// <summary>Programs run to completion (opusinfo, opusdec, sox, initdb...), and checks that a peer is installed.</summary>
public static class Tool
{
    /// <summary>The bound on one run unless a call says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>True when <paramref name="program"/> is an executable file on PATH.</summary>
    public static bool IsInstalled(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));

    /// <summary>Throws, naming the Debian package, when <paramref name="program"/> is not installed.</summary>
    public static void Require(string program, string package)
    {
        if (!IsInstalled(program))
        {
            throw new InvalidOperationException(
                $"{program} is required: install the Debian package {package} (deploy/test-deps.sh installs every test dependency)");
        }
    }

    /// <summary>Runs a program to completion within <see cref="DefaultTimeout"/>.</summary>
    public static ToolResult Run(string program, params IReadOnlyList<string> arguments) =>
        Run(new ChildProcessOptions(program, arguments), DefaultTimeout);

    /// <summary>Runs a program to completion within <paramref name="timeout"/> (stopped and thrown on when it takes longer).</summary>
    public static ToolResult Run(ChildProcessOptions options, TimeSpan timeout)
    {
        using var child = ChildProcess.Start(options);
        var exit = child.WaitForExit(timeout);
        return new ToolResult(exit, child.Output);
    }

    /// <summary>Runs a program that must succeed; throws with its output when it exits with another code than 0.</summary>
    public static string RunChecked(string program, params IReadOnlyList<string> arguments)
    {
        var result = Run(program, arguments);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}");
    }
}
