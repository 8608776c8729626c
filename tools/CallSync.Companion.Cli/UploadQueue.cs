using System.Threading.Channels;

namespace CallSync.Companion.Cli;

/// <summary>
/// <c>listen --upload</c>: recordings verified on arrival are uploaded one after another, in arrival order, while
/// the link keeps receiving. <see cref="CompleteAsync"/> waits for the queue to drain.
/// </summary>
internal sealed class UploadQueue
{
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task<int> _worker;

    /// <param name="uploader">Where the recordings go.</param>
    /// <param name="directory">The folder the recordings were received into (<c>{recordId}.opus</c>).</param>
    /// <param name="progress">Bytes on the hub per record: (recordId, done, total).</param>
    /// <param name="finished">Each upload's outcome.</param>
    public UploadQueue(
        HubUploader uploader, string directory, Action<string, long, long> progress, Action<string, UploadResult> finished, CancellationToken cancellationToken)
    {
        _worker = Task.Run(() => RunAsync(uploader, directory, progress, finished, cancellationToken), CancellationToken.None);
    }

    public void Enqueue(string recordId) => _pending.Writer.TryWrite(recordId);

    /// <summary>Stops taking recordings, waits for those queued; returns how many failed.</summary>
    public Task<int> CompleteAsync()
    {
        _pending.Writer.TryComplete();
        return _worker;
    }

    private async Task<int> RunAsync(
        HubUploader uploader, string directory, Action<string, long, long> progress, Action<string, UploadResult> finished, CancellationToken cancellationToken)
    {
        var failed = 0;
        try
        {
            await foreach (var recordId in _pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                UploadResult result;
                try
                {
                    result = await uploader.UploadAsync(recordId, Path.Combine(directory, recordId + ".opus"), (done, total) => progress(recordId, done, total), cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    result = UploadResult.Failed("reading the received file: " + ex.Message);
                }

                if (!result.Ok)
                {
                    failed++;
                }

                finished(recordId, result);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: what is on the hub stays there, the next run resumes the rest
        }

        return failed;
    }
}
