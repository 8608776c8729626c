namespace CallSync.Hal.Linux.Gpio;

/// <summary>The pull resistor the chip applies to an input line.</summary>
public enum GpioBias
{
    /// <summary>Leave the bias as the board or device tree set it.</summary>
    AsIs,

    /// <summary>GPIO_V2_LINE_FLAG_BIAS_PULL_UP: for a key or switch to ground (with active-low).</summary>
    PullUp,

    /// <summary>GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN: for a key or switch to the supply.</summary>
    PullDown,

    /// <summary>GPIO_V2_LINE_FLAG_BIAS_DISABLED: no pull resistor.</summary>
    Disabled,
}
