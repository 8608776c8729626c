using Microsoft.Extensions.Hosting;

namespace CallSync.Agent.Hosting;

/// <summary>
/// A hosted service that does its start work, then <see cref="Tick"/> every interval until the host stops. The timer
/// is armed in <see cref="StartAsync"/>, not in ExecuteAsync (which runs on the thread pool), so the first tick is due
/// one interval after start, also under fake time.
/// </summary>
internal abstract class PeriodicService(TimeSpan interval, TimeProvider time) : BackgroundService
{
    private PeriodicTimer? _timer;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartingAsync(cancellationToken).ConfigureAwait(false);
        _timer = new PeriodicTimer(interval, time);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <summary>Work done once, before the first interval starts.</summary>
    protected abstract Task StartingAsync(CancellationToken cancellationToken);

    /// <summary>Work done every interval.</summary>
    protected abstract void Tick();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer!;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Tick();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
