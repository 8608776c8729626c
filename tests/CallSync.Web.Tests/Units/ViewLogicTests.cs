using System.Text.Json;
using CallSync.Web.Api;
using CallSync.Web.Charts;
using CallSync.Web.Services;

namespace CallSync.Web.Tests.Units;

public sealed class ViewLogicTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.3, 0.5)]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(7, 10)]
    [InlineData(11, 20)]
    [InlineData(480, 500)]
    [InlineData(501, 1000)]
    public void NiceMax_Values_RoundUpTo125(double max, double expected) => Assert.Equal(expected, ChartScale.NiceMax(max), 9);

    [Fact]
    public void RecordFilter_LocalDays_BecomeUtcInstantsCoveringWholeDays()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var filter = new RecordFilter { From = new DateOnly(2026, 7, 1), To = new DateOnly(2026, 7, 2), Zone = zone, Number = " 2002 " };
        Assert.Equal("?from=2026-06-30T22%3A00%3A00Z&to=2026-07-02T22%3A00%3A00Z&number=2002&limit=10", filter.ToQuery(null, 10));
    }

    [Fact]
    public void DialTracker_OutOfOrderUpdates_NeverGoBack()
    {
        var tracker = new DialTracker();
        var sent = Dial("sent");
        tracker.Start(sent);
        Assert.True(tracker.Update(Dial("succeeded", "r1")));
        Assert.False(tracker.Update(Dial("accepted")));
        Assert.False(tracker.Update(Dial("failed")));
        Assert.False(tracker.Update(Dial("accepted") with { RequestId = "other" }));
        Assert.Equal("succeeded", tracker.Current!.Status);
        Assert.False(tracker.IsActive);
    }

    [Fact]
    public void RecordFields_NestedRecord_FlattensEveryField()
    {
        using var document = JsonDocument.Parse("""{"a":1,"quality":{"mos":4.1,"jitterMs":2},"flags":["x","y"],"ok":true,"none":null}""");
        Assert.Equal(
            [("a", "1"), ("quality.mos", "4.1"), ("quality.jitterMs", "2"), ("flags", "x, y"), ("ok", "yes"), ("none", "-")],
            RecordFields.Flatten(document.RootElement));
        Assert.Equal(4.1, RecordFields.Number(document.RootElement, "quality.mos"));
        Assert.Null(RecordFields.Number(document.RootElement, "quality.rttMs"));
    }

    [Theory]
    [InlineData(4.5, "Excellent")]
    [InlineData(4.1, "Good")]
    [InlineData(3.7, "Fair")]
    [InlineData(3.2, "Poor")]
    [InlineData(2.0, "Bad")]
    public void ExplainMos_Score_NamesTheBand(double mos, string band) => Assert.StartsWith(band, RecordFields.ExplainMos(mos), StringComparison.Ordinal);

    private static DialProgress Dial(string status, string? recordId = null) =>
        new("req-1", "desk-1", "2002", status, recordId, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
