using System.Diagnostics;

namespace CallSync.Flash.Boards;

/// <summary>Runs one shell script on a board through the system's <c>ssh</c> (as root, through <c>sudo -n</c> for other users).</summary>
internal sealed class SshRunner(BoardAddress address, SshOptions options)
{
    /// <summary>ssh's own exit code when it could not connect or authenticate.</summary>
    private const int SshFailure = 255;

    /// <summary>Output kept per stream; the scripts print a few lines, the log tail a few dozen.</summary>
    private const int MaxOutputChars = 64 * 1024;

    /// <summary>
    /// Runs <paramref name="script"/> under <c>sh -c</c>; <paramref name="feed"/> writes the script's standard input
    /// (then it is closed). Throws <see cref="BoardException"/> when ssh cannot connect, not when the script fails.
    /// </summary>
    public async Task<(int Exit, string Output, string Error)> RunAsync(string script, Func<Stream, CancellationToken, Task>? feed,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in options.Arguments(address))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"{address.User}@{address.Host}");
        var shell = "sh -c " + Quote(script);
        start.ArgumentList.Add(address.User == "root" ? shell : "sudo -n " + shell);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BoardException($"cannot run ssh: {ex.Message}", ex);
        }

        try
        {
            var output = ReadCappedAsync(process.StandardOutput, cancellationToken);
            var error = ReadCappedAsync(process.StandardError, cancellationToken);
            var input = process.StandardInput.BaseStream;
            try
            {
                if (feed is not null)
                {
                    await feed(input, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (IOException)
            {
                // The remote side stopped reading (it failed early): its exit code and stderr say why.
            }
            finally
            {
                try
                {
                    await input.DisposeAsync().ConfigureAwait(false);
                }
                catch (IOException)
                {
                    // Same: the pipe is already closed by the other side.
                }
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = (await output.ConfigureAwait(false), await error.ConfigureAwait(false));
            if (process.ExitCode == SshFailure)
            {
                throw new BoardException($"{address}: unreachable: {FirstLine(stderr)}") { Unreachable = true };
            }

            return (process.ExitCode, stdout, stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Single-quotes <paramref name="text"/> for a POSIX shell.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string FirstLine(string text)
    {
        var line = text.Trim().Split('\n')[0].Trim();
        return line.Length == 0 ? "ssh failed without a message" : line;
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            // Keep reading past the cap so the process never blocks on a full pipe.
            if (text.Length < MaxOutputChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
            }
        }

        return text.ToString();
    }
}
