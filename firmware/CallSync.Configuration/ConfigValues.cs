using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CallSync.Configuration;

/// <summary>The kinds of value keys are declared with. Each parser trims nothing (the reader does), caps its input and never throws.</summary>
public static partial class ConfigValues
{
    /// <summary>The longest text a plain text value may hold unless a declaration says otherwise.</summary>
    public const int DefaultMaxLength = 256;

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static ConfigValue<int> Number(int min, int max) => new(
        (string text, out int value) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max,
        Invariant($"a whole number from {min} to {max}"),
        static value => value.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>true</c>/<c>false</c> (also <c>on</c>/<c>off</c>, <c>yes</c>/<c>no</c>, <c>1</c>/<c>0</c>).</summary>
    public static ConfigValue<bool> Bool() => new(
        static (string text, out bool value) =>
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "on" or "yes" or "1":
                    value = true;
                    return true;
                case "false" or "off" or "no" or "0":
                    value = false;
                    return true;
                default:
                    value = false;
                    return false;
            }
        },
        "true or false",
        static value => value ? "true" : "false");

    /// <summary>A duration in [<paramref name="min"/>, <paramref name="max"/>], written as <see cref="Duration"/> reads it.</summary>
    public static ConfigValue<TimeSpan> Duration(TimeSpan min, TimeSpan max) => new(
        (string text, out TimeSpan value) => Configuration.Duration.TryParse(text, out value) && value >= min && value <= max,
        $"a duration from {Configuration.Duration.Format(min)} to {Configuration.Duration.Format(max)} such as 30s, 10m or 1h",
        Configuration.Duration.Format);

    /// <summary>As <see cref="Duration"/>, or <c>off</c> / <c>0</c> for <see cref="TimeSpan.Zero"/> (the feature switched off).</summary>
    public static ConfigValue<TimeSpan> DurationOrOff(TimeSpan min, TimeSpan max)
    {
        var duration = Duration(min, max);
        return new ConfigValue<TimeSpan>(
            (string text, out TimeSpan value) =>
            {
                if (text.Equals("off", StringComparison.OrdinalIgnoreCase) || text == "0")
                {
                    value = TimeSpan.Zero;
                    return true;
                }

                return duration.TryParse(text, out value);
            },
            "off (or 0), or " + duration.Accepts,
            value => value == TimeSpan.Zero ? "off" : duration.Format(value));
    }

    /// <summary>One of a set of names (case-insensitive), each standing for a value; the first name of a value is how it is written.</summary>
    public static ConfigValue<T> OneOf<T>(string accepts, params (string Name, T Value)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return new ConfigValue<T>(
            (string text, [MaybeNullWhen(false)] out T value) =>
            {
                foreach (var (name, choice) in choices)
                {
                    if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
                    {
                        value = choice;
                        return true;
                    }
                }

                value = default;
                return false;
            },
            accepts,
            value => choices.FirstOrDefault(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Name ?? value?.ToString() ?? string.Empty);
    }

    /// <summary>A .NET log level by name: <c>Trace</c> ... <c>None</c> (numbers are refused).</summary>
    public static ConfigValue<LogLevel> LogLevel() => OneOf(
        "Trace, Debug, Information, Warning, Error, Critical or None",
        [.. Enum.GetValues<LogLevel>().Select(level => (level.ToString(), level))]);

    /// <summary>
    /// Text of at most <paramref name="maxLength"/> characters without control characters (a value that ends up in a
    /// header or a log line cannot carry a line break), optionally narrowed by <paramref name="rule"/>.
    /// </summary>
    public static ConfigValue<string> Text(string accepts, Func<string, bool>? rule = null, int maxLength = DefaultMaxLength) => new(
        (string text, [MaybeNullWhen(false)] out string value) =>
        {
            value = text;
            return text.Length <= maxLength && !text.Any(char.IsControl) && (rule is null || rule(text));
        },
        accepts);

    /// <summary>A base64 key of at least <paramref name="minBytes"/> bytes (and at most 1 KiB).</summary>
    public static ConfigValue<byte[]> Base64Key(int minBytes, string accepts) => new(
        (string text, [MaybeNullWhen(false)] out byte[] value) =>
        {
            var buffer = new byte[Math.Min(text.Length, 2048) * 3 / 4 + 3];
            if (text.Length <= 2048 && Convert.TryFromBase64String(text, buffer, out var written) && written >= minBytes && written <= 1024)
            {
                value = buffer[..written];
                return true;
            }

            value = null;
            return false;
        },
        accepts,
        static value => Convert.ToBase64String(value));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
