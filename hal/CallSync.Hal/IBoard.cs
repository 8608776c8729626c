namespace CallSync.Hal;

/// <summary>The desk phone's hardware, one seam per part.</summary>
public interface IBoard
{
    /// <summary>A short name for logs ("simulated", "linux").</summary>
    string Kind { get; }

    /// <summary>The handset's hook switch.</summary>
    IHookSwitch Hook { get; }

    /// <summary>The dial pad.</summary>
    IKeypad Keypad { get; }

    /// <summary>The indicator LEDs.</summary>
    ILeds Leds { get; }

    /// <summary>The ringer.</summary>
    IRinger Ringer { get; }

    /// <summary>The text display.</summary>
    IDisplay Display { get; }

    /// <summary>The handset's microphone and speaker.</summary>
    IAudioDevice Audio { get; }
}
