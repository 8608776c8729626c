using System.Globalization;

namespace CallSync.Contracts;

/// <summary>The one wire format for instants: UTC ISO 8601 with milliseconds, e.g. <c>2026-11-23T19:39:25.123Z</c>.</summary>
public static class Timestamps
{
    /// <summary>The custom format string (always applied to the UTC value).</summary>
    public const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    /// <summary>Formats <paramref name="value"/> in UTC, truncated to milliseconds.</summary>
    public static string ToWire(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Truncates to whole milliseconds and converts to UTC (what a wire round trip yields).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        long ticks = value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond);
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
