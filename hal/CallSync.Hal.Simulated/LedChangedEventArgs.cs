namespace CallSync.Hal.Simulated;

/// <summary>An LED change on the simulated board.</summary>
public sealed class LedChangedEventArgs(Led led, LedState state) : EventArgs
{
    /// <summary>The LED.</summary>
    public Led Led { get; } = led;

    /// <summary>Its new state.</summary>
    public LedState State { get; } = state;
}
