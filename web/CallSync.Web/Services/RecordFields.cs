using System.Globalization;
using System.Text.Json;

namespace CallSync.Web.Services;

/// <summary>
/// Every field of a phone's call record (docs/call-record.md) as label/value rows, nested objects flattened
/// (<c>quality.mos</c>), in the record's own order, so nothing the phone sent is hidden, including fields added later.
/// </summary>
public static class RecordFields
{
    /// <summary>What the record's <c>security</c> means for the person reading it.</summary>
    public static string DescribeSecurity(string? security) => security switch
    {
        "tls+srtp" => "signalling and audio encrypted (TLS + SRTP)",
        "tls" => "signalling encrypted (TLS), audio not encrypted",
        "srtp" => "audio encrypted (SRTP), but its keys crossed unencrypted signalling",
        "none" => "not encrypted",
        _ => "unknown",
    };

    public static IReadOnlyList<(string Name, string Value)> Flatten(JsonElement record)
    {
        var rows = new List<(string, string)>();
        Add(rows, string.Empty, record);
        return rows;
    }

    /// <summary>The number at <paramref name="path"/> (dot-separated), if the record has one.</summary>
    public static double? Number(JsonElement record, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = record;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Number ? current.GetDouble() : null;
    }

    /// <summary>What a MOS means: the ITU-T P.800 listening-quality scale the phone estimates from loss and jitter.</summary>
    public static string ExplainMos(double? mos) => mos switch
    {
        null => "No MOS: no audio was received, so the quality could not be estimated.",
        >= 4.3 => "Excellent (4.3-5): as good as a wideband call gets; nobody noticed any problem.",
        >= 4.0 => "Good (4.0-4.3): normal phone quality; minor impairments, if any, went unnoticed.",
        >= 3.6 => "Fair (3.6-4.0): some listeners noticed impairments, but the call was easy to follow.",
        >= 3.1 => "Poor (3.1-3.6): many listeners were annoyed; words may have had to be repeated.",
        _ => "Bad (below 3.1): most listeners were dissatisfied; the call was hard to follow.",
    };

    private static void Add(List<(string, string)> rows, string prefix, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Add(rows, prefix.Length == 0 ? property.Name : prefix + "." + property.Name, property.Value);
                }

                break;
            case JsonValueKind.Array:
                rows.Add((prefix, string.Join(", ", value.EnumerateArray().Select(Text))));
                break;
            default:
                rows.Add((prefix, Text(value)));
                break;
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Number => value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null => "-",
        _ => value.GetRawText(),
    };
}
