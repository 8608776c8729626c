namespace CallSync.Hal;

/// <summary>The handset's hook switch: off-hook answers or starts a call, on-hook ends it.</summary>
public interface IHookSwitch
{
    /// <summary>True while the handset is lifted.</summary>
    bool IsOffHook { get; }

    /// <summary>Raised on every change, with the new state.</summary>
    event EventHandler<HookChangedEventArgs>? Changed;
}
