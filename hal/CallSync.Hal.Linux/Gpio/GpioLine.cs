using System.Globalization;
using System.Text;

namespace CallSync.Hal.Linux.Gpio;

/// <summary>One line of the GPIO chip: its offset, whether it is active when low, and the pull resistor for an input.</summary>
/// <param name="Offset">The line's offset on the chip (0-based, as `gpioinfo` numbers them).</param>
/// <param name="ActiveLow">True when the low level means active (pressed, off-hook, lit).</param>
/// <param name="Bias">The pull resistor the chip should apply (inputs only).</param>
public readonly record struct GpioLine(int Offset, bool ActiveLow = false, GpioBias Bias = GpioBias.AsIs)
{
    /// <summary>The highest offset accepted (chips have far fewer lines; the kernel checks the real count).</summary>
    public const int MaxOffset = 65535;

    /// <summary>
    /// Parses an offset followed by options separated by ':': "17", "17:active-low", "17:active-low:pull-up".
    /// Options: active-low (or low), active-high (or high), pull-up, pull-down, bias-disabled; each kind at most once.
    /// False on anything else.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out GpioLine line)
    {
        line = default;
        bool? activeLow = null;
        GpioBias? bias = null;
        int offset = -1;
        foreach (var range in text.Split(':'))
        {
            var part = text[range].Trim();
            if (offset < 0)
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > MaxOffset)
                {
                    return false;
                }

                continue;
            }

            if (Is(part, "active-low") || Is(part, "low") || Is(part, "active-high") || Is(part, "high"))
            {
                if (activeLow is not null)
                {
                    return false;
                }

                activeLow = Is(part, "active-low") || Is(part, "low");
            }
            else if (Is(part, "pull-up") || Is(part, "pull-down") || Is(part, "bias-disabled"))
            {
                if (bias is not null)
                {
                    return false;
                }

                bias = Is(part, "pull-up") ? GpioBias.PullUp : Is(part, "pull-down") ? GpioBias.PullDown : GpioBias.Disabled;
            }
            else
            {
                return false;
            }
        }

        if (offset < 0)
        {
            return false;
        }

        line = new GpioLine(offset, activeLow ?? false, bias ?? GpioBias.AsIs);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder(Offset.ToString(CultureInfo.InvariantCulture));
        if (ActiveLow)
        {
            text.Append(":active-low");
        }

        text.Append(Bias switch
        {
            GpioBias.PullUp => ":pull-up",
            GpioBias.PullDown => ":pull-down",
            GpioBias.Disabled => ":bias-disabled",
            _ => "",
        });
        return text.ToString();
    }

    private static bool Is(ReadOnlySpan<char> part, string option) => part.Equals(option, StringComparison.OrdinalIgnoreCase);
}
