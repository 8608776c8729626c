using CallSync.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Records;

/// <summary>Applies the recordings' retention policy at start and every hour.</summary>
internal sealed class RetentionService(RecordingOutbox recordings, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            var result = recordings.ApplyRetention();
            RecordsLog.Retention(logger, result.ToString());
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
