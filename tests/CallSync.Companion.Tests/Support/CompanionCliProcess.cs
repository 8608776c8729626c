using System.Diagnostics;

namespace CallSync.Companion.Tests.Support;

/// <summary>Runs the built callsync-companion executable (bounded to a minute) and collects its exit code and output.</summary>
internal static class CompanionCliProcess
{
    public static string CliPath()
    {
        string repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "CallSync.Firmware.sln")))
        {
            repo = Path.GetDirectoryName(repo)!;
        }

        return Path.Combine(repo, "tools", "CallSync.Companion.Cli", "bin", "Release", "net10.0", "callsync-companion.dll");
    }

    /// <param name="environment">Variables to set for the process (null: inherit only).</param>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(CliPath());
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
