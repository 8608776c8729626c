using CallSync.Hub.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Push;

/// <summary>
/// Checks for due daily digests at start-up (so a digest missed while the hub was down goes out at once) and
/// then every <see cref="PushOptions.DigestCheckInterval"/> on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class DigestScheduler(PushService push, PushOptions options, TimeProvider timeProvider, ILogger<DigestScheduler> logger) : BackgroundService
{
    // One check at a time per instance, so catch-up digests leave in date order.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>One check at the current time; returns how many digests were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await push.PushDueDigestsAsync(timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException ex)
        {
            Log.DigestCheckFailed(logger, ex);
            return 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.DigestCheckInterval, timeProvider);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
