namespace CallSync.Hal;

/// <summary>The indicator LEDs.</summary>
public interface ILeds
{
    /// <summary>Sets one LED.</summary>
    void Set(Led led, LedState state);

    /// <summary>What the LED shows now.</summary>
    LedState Get(Led led);
}
