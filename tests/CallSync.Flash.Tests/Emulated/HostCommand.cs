using System.Diagnostics;

namespace CallSync.Flash.Tests.Emulated;

/// <summary>Runs a host tool (ip, mount, ssh-keygen) to completion; fails the test with its output when it fails.</summary>
internal static class HostCommand
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static string Run(string file, params string[] arguments)
    {
        var (exit, output) = TryRun(file, arguments);
        Assert.True(exit == 0, $"{file} {string.Join(' ', arguments)} exited {exit}: {output}");
        return output;
    }

    public static (int Exit, string Output) TryRun(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not end within {Patience}");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
