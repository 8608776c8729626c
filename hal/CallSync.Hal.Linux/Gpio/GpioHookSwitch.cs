namespace CallSync.Hal.Linux.Gpio;

/// <summary>The hook switch on one input line: active (after active-low inversion) means the handset is lifted.</summary>
public sealed class GpioHookSwitch : IHookSwitch
{
    private int _offHook;

    /// <inheritdoc />
    public bool IsOffHook => Volatile.Read(ref _offHook) == 1;

    /// <inheritdoc />
    public event EventHandler<HookChangedEventArgs>? Changed;

    /// <summary>Takes the line's state read at start, without raising <see cref="Changed"/>.</summary>
    internal void SetInitial(bool offHook) => Volatile.Write(ref _offHook, offHook ? 1 : 0);

    /// <summary>Takes a new state; raises <see cref="Changed"/> only when it differs.</summary>
    internal bool Update(bool offHook)
    {
        if (Interlocked.Exchange(ref _offHook, offHook ? 1 : 0) == (offHook ? 1 : 0))
        {
            return false;
        }

        Changed?.Invoke(this, new HookChangedEventArgs(offHook));
        return true;
    }
}
