using System.Globalization;
using CallSync.Web.Api;
using CallSync.Web.Services;

namespace CallSync.Web.Charts;

/// <summary>The dashboard's figures shaped for its charts: labels, stacked series by result, ranked talk times.</summary>
public sealed class DashboardView(CallStats stats)
{
    public static IReadOnlyList<string> HourLabels { get; } = [.. Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture))];

    public IReadOnlyList<string> DayLabels { get; } = [.. stats.Days.Select(d => d.Date.Length == 10 ? d.Date[5..] : d.Date)];

    public IReadOnlyList<ChartSeries> DaySeries { get; } =
    [
        new("Answered", "var(--answered)", [.. stats.Days.Select(d => (double)d.Answered)]),
        new("Busy", "var(--busy)", [.. stats.Days.Select(d => (double)d.Busy)]),
        new("No answer", "var(--no-answer)", [.. stats.Days.Select(d => (double)d.NoAnswer)]),
        new("Rejected", "var(--rejected)", [.. stats.Days.Select(d => (double)d.Rejected)]),
        new("Cancelled", "var(--cancelled)", [.. stats.Days.Select(d => (double)d.Cancelled)]),
        new("Failed", "var(--failed)", [.. stats.Days.Select(d => (double)d.Failed)]),
    ];

    public IReadOnlyList<ChartSeries> HourSeries { get; } = [new("Calls", "var(--brand)", [.. stats.CallsByHour.Select(c => (double)c)])];

    public IReadOnlyList<(string Label, double Value, string Text)> TalkByUser { get; } = Ranked(stats.TalkByUser);

    public IReadOnlyList<(string Label, double Value, string Text)> TalkByPhone { get; } = Ranked(stats.TalkByPhone);

    public double TotalTalkSeconds { get; } = stats.TalkByPhone.Sum(t => t.TalkSeconds);

    private static List<(string, double, string)> Ranked(IReadOnlyList<TalkTime> talk) =>
        [.. talk.Select(t => (t.Label, t.TalkSeconds, $"{Formatting.Duration(t.TalkSeconds)} ({t.Calls} calls)"))];
}
