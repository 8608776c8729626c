namespace CallSync.Hal.Simulated;

/// <summary>A hook switch that tests and the control input lift and replace.</summary>
public sealed class SimulatedHookSwitch : IHookSwitch
{
    private int _offHook;

    /// <inheritdoc />
    public bool IsOffHook => Volatile.Read(ref _offHook) == 1;

    /// <inheritdoc />
    public event EventHandler<HookChangedEventArgs>? Changed;

    /// <summary>Lifts (true) or replaces (false) the handset; raises <see cref="Changed"/> only on a change.</summary>
    public void Set(bool offHook)
    {
        var previous = Interlocked.Exchange(ref _offHook, offHook ? 1 : 0);
        if (previous != (offHook ? 1 : 0))
        {
            Changed?.Invoke(this, new HookChangedEventArgs(offHook));
        }
    }
}
