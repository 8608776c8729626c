using System.Globalization;

namespace CallSync.Configuration;

/// <summary>
/// Durations in configuration: <c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>, a plain number of seconds,
/// or <c>hh:mm:ss</c> / <c>d.hh:mm:ss</c>.
/// </summary>
public static class Duration
{
    // Longer texts are not durations; a cap keeps a hostile value from costing anything to parse.
    private const int MaxLength = 32;

    /// <summary>Parses a duration; never throws. Negative durations are refused.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(s, "c", CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
        }

        var (digits, unit) = s.EndsWith("ms", StringComparison.Ordinal) ? (s[..^2], 0.001)
            : s.EndsWith('s') ? (s[..^1], 1.0)
            : s.EndsWith('m') ? (s[..^1], 60.0)
            : s.EndsWith('h') ? (s[..^1], 3600.0)
            : s.EndsWith('d') ? (s[..^1], 86400.0)
            : (s, 1.0);
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ||
            double.IsInfinity(number) || number * unit > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(number * unit);
        return true;
    }

    /// <summary>A duration as a configuration file would say it: <c>20ms</c>, <c>30s</c>, <c>10m</c>, <c>1h</c>, <c>1d</c>.</summary>
    public static string Format(TimeSpan value) =>
        value >= TimeSpan.FromDays(1) && value.Ticks % TimeSpan.TicksPerDay == 0 ? Invariant($"{value.TotalDays}d")
        : value >= TimeSpan.FromHours(1) && value.Ticks % TimeSpan.TicksPerHour == 0 ? Invariant($"{value.TotalHours}h")
        : value >= TimeSpan.FromMinutes(1) && value.Ticks % TimeSpan.TicksPerMinute == 0 ? Invariant($"{value.TotalMinutes}m")
        : value > TimeSpan.Zero && value < TimeSpan.FromSeconds(1) && value.Ticks % TimeSpan.TicksPerMillisecond == 0 ? Invariant($"{value.TotalMilliseconds}ms")
        : Invariant($"{value.TotalSeconds}s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
