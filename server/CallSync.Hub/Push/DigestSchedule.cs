namespace CallSync.Hub.Push;

/// <summary>
/// When a daily digest is due, in the user's IANA time zone. A wall-clock time skipped by a DST change
/// (spring forward) moves to the first valid minute after the gap; a time that happens twice (fall back) is taken
/// at its first occurrence. So every local day has exactly one digest instant.
/// </summary>
internal static class DigestSchedule
{
    /// <summary>The UTC instant of the digest of local day <paramref name="date"/>.</summary>
    public static DateTimeOffset InstantOf(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max() // larger offset = earlier UTC instant = first occurrence
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The most recent digest that is due at <paramref name="now"/>: its local date and its instant.</summary>
    public static (DateOnly Date, DateTimeOffset At) LatestDue(DateTimeOffset now, TimeOnly time, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var at = InstantOf(today, time, zone);
        if (at <= now)
        {
            return (today, at);
        }

        var yesterday = today.AddDays(-1);
        return (yesterday, InstantOf(yesterday, time, zone));
    }

    /// <summary>A digest covers records received from the previous day's digest instant up to its own.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) WindowOf(DateOnly date, TimeOnly time, TimeZoneInfo zone) =>
        (InstantOf(date.AddDays(-1), time, zone), InstantOf(date, time, zone));
}
