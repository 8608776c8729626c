using System.Net.Sockets;
using CallSync.Companion.Client;
using Spectre.Console;

namespace CallSync.Companion.Cli;

/// <summary>
/// <c>listen --out DIR [--once]</c>: receive recordings (verified by SHA-256) into a folder. Reconnects and resumes
/// after a dropped link; with <c>--once</c> exits when the phone has nothing more to deliver.
/// </summary>
internal static class ListenCommand
{
    private const int MaxConsecutiveFailures = 5;

    public static async Task<int> RunAsync(ConnectTarget target, string stateDirectory, string outDirectory, bool once, CancellationToken cancellationToken)
    {
        var credentials = CliContext.LoadState(stateDirectory);
        if (credentials is null)
        {
            return ExitCodes.Failed;
        }

        using var folder = new RecordingFolder(outDirectory);
        bool interactive = !Console.IsOutputRedirected;
        if (interactive)
        {
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    ListenProgress.ShowBars(folder, context);
                    return await ReceiveAsync(target, credentials, folder, once, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        ListenProgress.WriteLines(folder, Console.Out);
        return await ReceiveAsync(target, credentials, folder, once, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReceiveAsync(
        ConnectTarget target, Security.CompanionCredentials credentials, RecordingFolder folder, bool once, CancellationToken cancellationToken)
    {
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var client = await CompanionClient.ConnectTcpAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
                await client.AuthenticateAsync(credentials, folder, cancellationToken).ConfigureAwait(false);
                failures = 0;
                if (once)
                {
                    await client.WaitForQueueEmptyAsync(cancellationToken).ConfigureAwait(false);
                    Console.WriteLine($"{folder.Received.Count} recording(s) received into {folder.DirectoryPath}.");
                    return ExitCodes.Ok;
                }

                await Task.WhenAny(client.Completion, client.Unpaired, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
                if (client.Unpaired.IsCompletedSuccessfully)
                {
                    await Console.Error.WriteLineAsync($"the desk phone removed this pairing: {client.Unpaired.Result}").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException)
            {
                if (++failures >= MaxConsecutiveFailures)
                {
                    await Console.Error.WriteLineAsync($"error: cannot reach the desk phone at {target}: {ex.Message}").ConfigureAwait(false);
                    return ExitCodes.ConnectionFailed;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return ExitCodes.Ok;
    }
}
