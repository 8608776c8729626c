using System.Globalization;
using CallSync.Hub.Api;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Statistics;

/// <summary>
/// The dashboard's figures from the calls of a period. Days and hours are local to the chosen time zone. A call
/// counts towards the talk time of its phone and of every user actively bound to that phone now (a shared phone
/// counts for each of its users).
/// </summary>
internal static class CallStatistics
{
    public const int MaxDays = 366;

    public static StatsDto Compute(
        IReadOnlyList<StatsRow> rows,
        bool truncated,
        DateOnly firstDay,
        DateOnly lastDay,
        TimeZoneInfo zone,
        IReadOnlyList<(string DeviceId, string UserId)> bindings,
        IReadOnlyDictionary<string, string> deskNumbers)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(deskNumbers);
        var dayCount = lastDay.DayNumber - firstDay.DayNumber + 1;
        var days = new int[dayCount, 6];
        var hours = new int[24];
        var phones = new Dictionary<string, (int Calls, double Seconds)>(StringComparer.Ordinal);
        var users = new Dictionary<string, (int Calls, double Seconds)>(StringComparer.Ordinal);
        var usersByDevice = bindings.GroupBy(b => b.DeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(b => b.UserId).ToArray(), StringComparer.Ordinal);
        var answered = 0;
        foreach (var row in rows)
        {
            var local = TimeZoneInfo.ConvertTime(row.StartedAt, zone);
            var day = DateOnly.FromDateTime(local.DateTime).DayNumber - firstDay.DayNumber;
            if (day >= 0 && day < dayCount)
            {
                days[day, ResultIndex(row.Result)]++;
            }

            hours[local.Hour]++;
            if (row.Result == "answered")
            {
                answered++;
            }

            Add(phones, row.DeviceId, row.TalkSeconds);
            foreach (var user in usersByDevice.GetValueOrDefault(row.DeviceId) ?? [])
            {
                Add(users, user, row.TalkSeconds);
            }
        }

        var dayList = new List<DayCountsDto>(dayCount);
        for (var i = 0; i < dayCount; i++)
        {
            dayList.Add(new DayCountsDto(Date(firstDay.AddDays(i)), days[i, 0], days[i, 1], days[i, 2], days[i, 3], days[i, 4], days[i, 5]));
        }

        return new StatsDto(Date(firstDay), Date(lastDay), zone.Id, rows.Count, answered,
            rows.Count == 0 ? 0 : Math.Round((double)answered / rows.Count, 4), truncated, dayList,
            Ranked(users, key => key), Ranked(phones, key => deskNumbers.GetValueOrDefault(key) ?? key), hours);
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int ResultIndex(string result) => result switch
    {
        "answered" => 0,
        "busy" => 1,
        "no-answer" => 2,
        "rejected" => 3,
        "cancelled" => 4,
        _ => 5,
    };

    private static void Add(Dictionary<string, (int Calls, double Seconds)> totals, string key, double seconds)
    {
        var (calls, sum) = totals.GetValueOrDefault(key);
        totals[key] = (calls + 1, sum + seconds);
    }

    private static List<TalkTimeDto> Ranked(Dictionary<string, (int Calls, double Seconds)> totals, Func<string, string> label) =>
        [.. totals.OrderByDescending(t => t.Value.Seconds).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new TalkTimeDto(t.Key, label(t.Key), t.Value.Calls, Math.Round(t.Value.Seconds, 3)))];
}
