namespace CallSync.Hal;

/// <summary>What an LED shows.</summary>
public enum LedState
{
    /// <summary>Dark.</summary>
    Off,

    /// <summary>Lit.</summary>
    On,

    /// <summary>Blinking.</summary>
    Blinking,
}
