namespace CallSync.Hal;

/// <summary>A hook switch change.</summary>
public sealed class HookChangedEventArgs(bool isOffHook) : EventArgs
{
    /// <summary>True when the handset was lifted.</summary>
    public bool IsOffHook { get; } = isOffHook;
}
