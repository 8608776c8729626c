using System.Net.Sockets;
using CallSync.Companion.Client;
using Spectre.Console;

namespace CallSync.Companion.Cli;

/// <summary>
/// <c>listen --out DIR [--once] [--upload URL]</c>: receive recordings (verified by SHA-256) into a folder, and with
/// <c>--upload</c> send each one on to the hub's recordings route with the user's token. Reconnects and resumes after
/// a dropped link; with <c>--once</c> exits when the phone has nothing more to deliver and the uploads are done.
/// </summary>
internal static class ListenCommand
{
    private const int MaxConsecutiveFailures = 5;

    /// <param name="upload">The hub, with the user's access token, or null to keep the recordings local.</param>
    public static async Task<int> RunAsync(
        ConnectTarget target, string stateDirectory, string outDirectory, bool once, (Uri Hub, string Token)? upload, CancellationToken cancellationToken)
    {
        var credentials = CliContext.LoadState(stateDirectory);
        if (credentials is null)
        {
            return ExitCodes.Failed;
        }

        using var folder = new RecordingFolder(outDirectory);
        using var http = upload is null ? null : new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        UploadQueue? Uploads(Action<string, long, long> progress, Action<string, UploadResult> finished) => upload is { } to
            ? new UploadQueue(new HubUploader(http!, to.Hub, to.Token, TimeProvider.System), folder.DirectoryPath, progress, finished, cancellationToken)
            : null;

        bool interactive = !Console.IsOutputRedirected;
        if (interactive)
        {
            return await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                    ProgressTask Bar(string key, string label, long size)
                    {
                        lock (tasks)
                        {
                            if (!tasks.TryGetValue(key, out var task))
                            {
                                task = context.AddTask(label, maxValue: Math.Max(1, size));
                                tasks[key] = task;
                            }

                            return task;
                        }
                    }

                    var uploads = Uploads(
                        (id, done, total) => Bar("up:" + id, "hub " + Markup.Escape(id), total).Value = done,
                        (id, result) =>
                        {
                            var task = Bar("up:" + id, "hub " + Markup.Escape(id), 1);
                            task.Description = "hub " + Markup.Escape(id) + (result.Ok ? " [green]" : " [red]") + Markup.Escape(result.Message) + "[/]";
                            task.StopTask();
                        });
                    ListenProgress.ShowBars(folder, context);
                    UploadWhenVerified(folder, uploads);
                    return await ReceiveThenUploadAsync(target, credentials, folder, once, uploads, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        var plain = Uploads((_, _, _) => { }, (id, result) => Console.WriteLine($"{id}: {result.Message}"));
        ListenProgress.WriteLines(folder, Console.Out);
        UploadWhenVerified(folder, plain);
        return await ReceiveThenUploadAsync(target, credentials, folder, once, plain, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues each recording for the hub once it is complete and verified (nothing without --upload).</summary>
    private static void UploadWhenVerified(RecordingFolder folder, UploadQueue? uploads)
    {
        if (uploads is null)
        {
            return;
        }

        folder.Progress += (_, e) =>
        {
            if (e.Completed && e.Verified)
            {
                uploads.Enqueue(e.RecordId);
            }
        };
    }

    /// <summary>Receives; then lets the queued uploads finish (a failed upload makes the exit code 1).</summary>
    private static async Task<int> ReceiveThenUploadAsync(
        ConnectTarget target, Security.CompanionCredentials credentials, RecordingFolder folder, bool once, UploadQueue? uploads, CancellationToken cancellationToken)
    {
        var received = await ReceiveAsync(target, credentials, folder, once, cancellationToken).ConfigureAwait(false);
        if (uploads is null)
        {
            return received;
        }

        var failed = await uploads.CompleteAsync().ConfigureAwait(false);
        return received == ExitCodes.Ok && failed > 0 ? ExitCodes.Failed : received;
    }

    private static async Task<int> ReceiveAsync(
        ConnectTarget target, Security.CompanionCredentials credentials, RecordingFolder folder, bool once, CancellationToken cancellationToken)
    {
        int failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var client = await target.ConnectAsync(cancellationToken).ConfigureAwait(false);
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
