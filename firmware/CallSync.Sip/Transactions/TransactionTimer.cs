namespace CallSync.Sip.Transactions;

/// <summary>A restartable one-shot timer on the injected <see cref="TimeProvider"/>; Stop releases it.</summary>
internal sealed class TransactionTimer(TimeProvider time, Action callback)
{
    private ITimer? _timer;

    public void Start(TimeSpan due)
    {
        Stop();
        _timer = time.CreateTimer(static s => ((Action)s!)(), callback, due, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
