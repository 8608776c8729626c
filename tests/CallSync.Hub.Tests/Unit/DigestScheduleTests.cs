using CallSync.Hub.Push;

namespace CallSync.Hub.Tests.Unit;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void InstantOf_AmbiguousFallBackTime_TakesFirstOccurrence()
    {
        // 2026-10-25 02:30 happens twice in Berlin: first at 00:30 UTC (CEST), again at 01:30 UTC (CET).
        var at = DigestSchedule.InstantOf(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Berlin);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void InstantOf_SkippedSpringForwardTime_MovesToEndOfGap()
    {
        // 2026-03-29 02:30 does not exist in Berlin (02:00 -> 03:00); the digest goes at 03:00 CEST = 01:00 UTC.
        var at = DigestSchedule.InstantOf(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Berlin);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void WindowOf_FallBackDay_Is25HoursLong()
    {
        var (from, to) = DigestSchedule.WindowOf(new DateOnly(2026, 10, 25), new TimeOnly(18, 0), Berlin);
        Assert.Equal(TimeSpan.FromHours(25), to - from);
    }

    [Fact]
    public void LatestDue_BeforeTodaysTime_ReturnsYesterday()
    {
        var now = new DateTimeOffset(2026, 11, 23, 16, 59, 0, TimeSpan.Zero); // 17:59 in Berlin
        var (date, at) = DigestSchedule.LatestDue(now, new TimeOnly(18, 0), Berlin);
        Assert.Equal(new DateOnly(2026, 11, 22), date);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 17, 0, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void LatestDue_AtTodaysTime_ReturnsToday()
    {
        var now = new DateTimeOffset(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 11, 23), DigestSchedule.LatestDue(now, new TimeOnly(18, 0), Berlin).Date);
    }
}
