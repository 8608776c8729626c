using System.Globalization;
using System.Text;

namespace CallSync.Web.Api;

/// <summary>
/// The call log's filters as the user sets them; <see cref="ToQuery"/> writes the documented query string
/// (dates are local days: from the start of <see cref="From"/> to the end of <see cref="To"/>).
/// </summary>
public sealed class RecordFilter
{
    public string? DeviceId { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Direction { get; set; }

    public string? Result { get; set; }

    public string? Number { get; set; }

    /// <summary>The zone local days are taken in (the browser's).</summary>
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Local;

    public string ToQuery(string? cursor, int? limit)
    {
        var query = new StringBuilder();
        Add(query, "deviceId", DeviceId);
        Add(query, "from", From is { } from ? Instant(from) : null);
        Add(query, "to", To is { } to ? Instant(to.AddDays(1)) : null);
        Add(query, "direction", Direction);
        Add(query, "result", Result);
        Add(query, "number", Number?.Trim());
        Add(query, "cursor", cursor);
        Add(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        return query.ToString();
    }

    private string Instant(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
