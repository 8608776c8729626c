using CallSync.Testing.Processes;

namespace CallSync.Flash.Tests.Emulated;

/// <summary>callsync-flash as a technician runs it: the built tool as a child process (stdout not a terminal: plain lines).</summary>
internal static class FlashCli
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    /// <summary>Runs the tool to its end (on a pool thread: it waits for minutes while boards are flashed).</summary>
    public static Task<(int Exit, string Output)> RunAsync(params string[] arguments) => Task.Run(() =>
    {
        var result = Tool.Run(new ChildProcessOptions("dotnet", [Path.Combine(AppContext.BaseDirectory, "callsync-flash.dll"), .. arguments]), Patience);
        return (result.ExitCode, result.Output);
    });
}
