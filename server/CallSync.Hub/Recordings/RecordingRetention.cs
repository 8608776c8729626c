using CallSync.Hub.Configuration;
using CallSync.Hub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Recordings;

/// <summary>
/// Deletes stored recordings <c>Recordings:Retention</c> after their upload completed, and unfinished uploads that
/// made no progress for a day. Runs at start and then hourly; with several instances each may delete, which is harmless.
/// </summary>
internal sealed class RecordingRetention(
    RecordingsOptions options,
    RecordingStore store,
    RecordingService recordings,
    TimeProvider timeProvider,
    ILogger<RecordingRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan StalePart = TimeSpan.FromDays(1);

    /// <summary>One pass; returns how many files it deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var deleted = 0;
        IReadOnlyList<StoredRecording> expired;
        do
        {
            expired = await store.ListStoredBeforeAsync(now - options.Retention, 500, cancellationToken).ConfigureAwait(false);
            foreach (var recording in expired)
            {
                File.Delete(recordings.FinalPath(recording.RecordId));
                await store.DeleteAsync(recording.RecordId, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }
        while (expired.Count == 500);

        if (Directory.Exists(options.Directory))
        {
            foreach (var part in Directory.EnumerateFiles(options.Directory, "*.opus.part"))
            {
                if (now - File.GetLastWriteTimeUtc(part) > StalePart)
                {
                    File.Delete(part);
                    deleted++;
                }
            }
        }

        if (deleted > 0)
        {
            Log.RecordingsExpired(logger, deleted);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                Log.RecordingRetentionFailed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
