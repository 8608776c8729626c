using Microsoft.Extensions.Logging;

namespace CallSync.Hal.Simulated;

/// <summary>LEDs whose state is logged and readable.</summary>
public sealed class SimulatedLeds(ILogger<SimulatedLeds> logger) : ILeds
{
    private readonly LedState[] _states = new LedState[Enum.GetValues<Led>().Length];
    private readonly Lock _gate = new();

    /// <summary>Raised on every change.</summary>
    public event EventHandler<LedChangedEventArgs>? Changed;

    /// <inheritdoc />
    public void Set(Led led, LedState state)
    {
        LedState previous;
        lock (_gate)
        {
            previous = _states[(int)led];
            _states[(int)led] = state;
        }

        if (previous != state)
        {
            SimulatedBoardLog.LedChanged(logger, led, state);
            Changed?.Invoke(this, new LedChangedEventArgs(led, state));
        }
    }

    /// <inheritdoc />
    public LedState Get(Led led)
    {
        lock (_gate)
        {
            return _states[(int)led];
        }
    }
}
