using System.Globalization;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>One line of the GPIO chip: its offset and whether it is active when low (a key to ground with a pull-up).</summary>
/// <param name="Offset">The line's offset on the chip (0-based, as `gpioinfo` numbers them).</param>
/// <param name="ActiveLow">True when the low level means active (pressed, off-hook, lit).</param>
public readonly record struct GpioLine(int Offset, bool ActiveLow = false)
{
    /// <summary>The highest offset accepted (chips have far fewer lines; the kernel checks the real count).</summary>
    public const int MaxOffset = 65535;

    /// <summary>Parses "17" or "17:active-low" (also "17:low"); false on anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out GpioLine line)
    {
        line = default;
        text = text.Trim();
        bool activeLow = false;
        int colon = text.IndexOf(':');
        if (colon >= 0)
        {
            var suffix = text[(colon + 1)..].Trim();
            if (suffix.Equals("active-low", StringComparison.OrdinalIgnoreCase) || suffix.Equals("low", StringComparison.OrdinalIgnoreCase))
            {
                activeLow = true;
            }
            else if (!suffix.Equals("active-high", StringComparison.OrdinalIgnoreCase) && !suffix.Equals("high", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            text = text[..colon].TrimEnd();
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset > MaxOffset)
        {
            return false;
        }

        line = new GpioLine(offset, activeLow);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        ActiveLow ? $"{Offset.ToString(CultureInfo.InvariantCulture)}:active-low" : Offset.ToString(CultureInfo.InvariantCulture);
}
