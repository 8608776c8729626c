using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Simulated;

/// <summary>A ringer that logs when it starts and stops.</summary>
public sealed class SimulatedRinger(ILogger<SimulatedRinger> logger) : IRinger
{
    private int _ringing;

    /// <inheritdoc />
    public bool IsRinging => Volatile.Read(ref _ringing) == 1;

    /// <inheritdoc />
    public void Start()
    {
        if (Interlocked.Exchange(ref _ringing, 1) == 0)
        {
            SimulatedBoardLog.Ringing(logger);
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        if (Interlocked.Exchange(ref _ringing, 0) == 1)
        {
            SimulatedBoardLog.RingingStopped(logger);
        }
    }
}
