namespace CallSync.Testing.Processes;

/// <summary>
/// The project's own programs as child processes: <c>dotnet NAME.dll</c> from the test's output directory (a test
/// project referencing the program's project gets the dll there), or the binary an environment variable names
/// (<c>CALLSYNC_AGENT</c> for callsync-agent, <c>CALLSYNC_HUB</c> for callsync-hub; e.g. out/bin/callsync-agent).
/// </summary>
public static class BuiltProgram
{
    public static ChildProcessOptions Options(string name, IReadOnlyList<string> arguments)
    {
        var variable = name.Replace('-', '_').ToUpperInvariant();
        var binary = Environment.GetEnvironmentVariable(variable);
        var options = binary is { Length: > 0 }
            ? new ChildProcessOptions(binary, arguments)
            : new ChildProcessOptions("dotnet", [Path.Combine(AppContext.BaseDirectory, name + ".dll"), .. arguments]);
        return options with { Name = name };
    }
}
