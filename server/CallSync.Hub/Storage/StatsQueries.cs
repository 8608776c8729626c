using System.Text;
using System.Text.Json;

namespace CallSync.Hub.Storage;

/// <summary>Reads the calls of a period for the dashboard, at most <see cref="MaxRows"/> of them.</summary>
internal sealed class StatsQueries(HubDatabase database)
{
    public const int MaxRows = 500_000;

    /// <summary>Calls that started in [from, to), oldest first; the flag says whether <see cref="MaxRows"/> cut the list.</summary>
    public async Task<(IReadOnlyList<StatsRow> Rows, bool Truncated)> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(
            "SELECT device_id, result, started_at, payload FROM call_records WHERE started_at >= @f AND started_at < @t ORDER BY started_at LIMIT @n")
            .With("@f", from.ToUnixTimeMilliseconds()).With("@t", to.ToUnixTimeMilliseconds()).With("@n", (long)MaxRows + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<StatsRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (rows.Count == MaxRows)
            {
                return (rows, true);
            }

            rows.Add(new StatsRow(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                TalkSeconds(reader.GetString(3))));
        }

        return (rows, false);
    }

    /// <summary>The record's top-level <c>talkSeconds</c>, read without building the whole record; 0 when absent or malformed.</summary>
    public static double TalkSeconds(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payload));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return 0;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals("talkSeconds"u8);
                if (!reader.Read())
                {
                    return 0;
                }

                if (match)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds) && seconds >= 0 ? seconds : 0;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return 0;
        }

        return 0;
    }
}
