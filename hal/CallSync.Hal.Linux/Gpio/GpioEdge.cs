namespace CallSync.Hal.Linux.Gpio;

/// <summary>The edge a line event reports (<c>enum gpio_v2_line_event_id</c>), in logical terms: with active-low lines the kernel has already inverted it.</summary>
public enum GpioEdge
{
    /// <summary>The line became active (GPIO_V2_LINE_EVENT_RISING_EDGE = 1).</summary>
    Rising = 1,

    /// <summary>The line became inactive (GPIO_V2_LINE_EVENT_FALLING_EDGE = 2).</summary>
    Falling = 2,
}
