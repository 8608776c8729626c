using System.Globalization;
using System.Text.Json.Nodes;

namespace CallSync.Interop.Tests;

/// <summary>
/// The call record fields the media tests read, including those issue 12 added to the contract (named here once, as
/// in docs/call-record.md):
/// <c>dtmf</c> (an array of <c>{digit, offsetSeconds}</c>, offset from the answer), <c>quality.concealedPeriods</c>
/// (20 ms periods the receiver concealed) and <c>recording.sampleRate</c> (8000 narrowband, 16000 wideband).
/// Each read fails with a message that names the field and shows the record.
/// </summary>
internal static class RecordFields
{
    public const string Dtmf = "dtmf";
    public const string DtmfDigit = "digit";
    public const string DtmfOffset = "offsetSeconds";
    public const string ConcealedPeriods = "concealedPeriods";
    public const string RecordingSampleRate = "sampleRate";

    public static string Text(JsonObject record, string name) =>
        record[name]?.GetValue<string>() ?? throw Missing(record, name);

    public static double Number(JsonObject record, string name) =>
        record[name]?.GetValue<double>() ?? throw Missing(record, name);

    public static JsonObject Quality(JsonObject record) =>
        record["quality"] as JsonObject ?? throw Missing(record, "quality");

    public static JsonObject Recording(JsonObject record) =>
        record["recording"] as JsonObject ?? throw Missing(record, "recording");

    public static Guid RecordingId(JsonObject record) => Guid.Parse(Text(Recording(record), "id"));

    public static double LossPercent(JsonObject record) => Number(Quality(record), "lossPercent");

    public static int Concealed(JsonObject record) =>
        Quality(record)[ConcealedPeriods]?.GetValue<int>() ?? throw Missing(record, "quality." + ConcealedPeriods);

    public static int SampleRate(JsonObject record) =>
        Recording(record)[RecordingSampleRate]?.GetValue<int>() ?? throw Missing(record, "recording." + RecordingSampleRate);

    /// <summary>The digits in the record's <c>dtmf</c> field with their offsets, in order.</summary>
    public static IReadOnlyList<(string Digit, double Offset)> Digits(JsonObject record)
    {
        var digits = record[Dtmf] as JsonArray ?? throw Missing(record, Dtmf);
        return [.. digits.Select(d => (
            d?[DtmfDigit]?.GetValue<string>() ?? throw Missing(record, $"{Dtmf}[].{DtmfDigit}"),
            d[DtmfOffset]?.GetValue<double>() ?? throw Missing(record, $"{Dtmf}[].{DtmfOffset}")))];
    }

    public static string Seconds(double seconds) => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static InvalidOperationException Missing(JsonObject record, string name) =>
        new($"the call record has no {name}:\n{record.ToJsonString()}");
}
