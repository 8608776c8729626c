using System.Diagnostics;

namespace CallSync.Flash.Tests.Emulated;

/// <summary>callsync-flash as a technician runs it: the built tool as a child process (stdout not a terminal: plain lines).</summary>
internal static class FlashCli
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    public static async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "callsync-flash.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"callsync-flash {string.Join(' ', arguments)} did not end within {Patience}: {await output}{await error}");
        }

        return (process.ExitCode, await output + await error);
    }
}
