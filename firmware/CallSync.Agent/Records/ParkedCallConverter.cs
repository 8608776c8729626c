using System.Text.Json;
using System.Text.Json.Serialization;
using CallSync.Records;

namespace CallSync.Agent.Records;

/// <summary>
/// Reads a parked call in either of the journal's shapes: the current one (the record and its recording) or the flat
/// one earlier agents wrote, so a phone upgraded while its outbox was full still sends those records whole. The flat
/// shape carried no device identity: <see cref="CallJournalRecovery"/> fills in this phone's (an empty device id).
/// </summary>
internal sealed class ParkedCallConverter : JsonConverter<FinishedCall>
{
    public override FinishedCall? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("record", out _))
        {
            return root.Deserialize(CallJournalJsonContext.Default.FinishedCall);
        }

        return root.Deserialize(CallJournalJsonContext.Default.FlatParkedCall)?.ToFinishedCall();
    }

    public override void Write(Utf8JsonWriter writer, FinishedCall value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, CallJournalJsonContext.Default.FinishedCall);
}
