using System.Text.Json;
using CallSync.Contracts;

namespace CallSync.Records.Tests.Contracts;

/// <summary>The JSON Schema files in docs/schemas name every property the serializer writes, with matching enum values.</summary>
public sealed class SchemaConsistencyTests
{
    private static JsonElement Schema(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "docs", "schemas")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "docs", "schemas", file))).RootElement;
    }

    private static void AssertCovered(JsonElement value, JsonElement schema, JsonElement root, string path)
    {
        if (schema.TryGetProperty("$ref", out JsonElement reference) && reference.GetString()!.StartsWith("#/$defs/", StringComparison.Ordinal))
        {
            schema = root.GetProperty("$defs").GetProperty(reference.GetString()!["#/$defs/".Length..]);
        }

        if (schema.TryGetProperty("enum", out JsonElement values))
        {
            Assert.Contains(value.GetString(), values.EnumerateArray().Select(v => v.GetString()));
        }

        if (schema.TryGetProperty("pattern", out JsonElement pattern))
        {
            Assert.Matches(pattern.GetString()!, value.GetString()!);
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            JsonElement properties = schema.GetProperty("properties");
            foreach (JsonProperty property in value.EnumerateObject())
            {
                Assert.True(properties.TryGetProperty(property.Name, out JsonElement sub), $"{path}.{property.Name} missing from the schema");
                AssertCovered(property.Value, sub, root, path + "." + property.Name);
            }

            if (schema.TryGetProperty("required", out JsonElement required))
            {
                foreach (JsonElement name in required.EnumerateArray())
                {
                    Assert.True(value.TryGetProperty(name.GetString()!, out _), $"{path}.{name} required but not written");
                }
            }
        }
    }

    [Fact]
    public void CallRecord_SerializedSample_MatchesSchemaPropertiesEnumsAndPatterns()
    {
        JsonElement root = Schema("call-record.schema.json");
        JsonElement value = JsonSerializer.SerializeToElement(CallRecordJsonTests.Sample(), CallSyncJsonContext.Default.CallRecord);
        AssertCovered(value, root, root, "record");
    }

    [Fact]
    public void State_Serialized_MatchesSchema()
    {
        JsonElement root = Schema("state.schema.json");
        JsonElement value = JsonSerializer.SerializeToElement(new DeviceState { State = DeviceState.Online, Boot = 3, At = DateTimeOffset.UnixEpoch, Warnings = [DeviceState.DiskFullWarning] }, CallSyncJsonContext.Default.DeviceState);
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        foreach (JsonProperty p in value.EnumerateObject())
        {
            Assert.True(root.GetProperty("properties").TryGetProperty(p.Name, out _), p.Name);
        }
    }

    [Fact]
    public void Reply_Serialized_NamesOnlySchemaProperties()
    {
        JsonElement root = Schema("reply.schema.json");
        var reply = new CommandReply
        {
            CommandId = "c",
            DeviceId = "d",
            Status = ReplyStatus.Succeeded,
            RecordId = Guid.NewGuid(),
            Result = CallResult.NoAnswer,
            Device = new DeviceStatus { Activity = DeviceActivity.InCall, Boot = 1 },
            At = DateTimeOffset.UnixEpoch,
        };
        JsonElement value = JsonSerializer.SerializeToElement(reply, CallSyncJsonContext.Default.CommandReply);
        foreach (JsonProperty p in value.EnumerateObject())
        {
            Assert.True(root.GetProperty("properties").TryGetProperty(p.Name, out JsonElement sub), p.Name);
            if (sub.TryGetProperty("enum", out JsonElement values))
            {
                Assert.Contains(p.Value.GetString(), values.EnumerateArray().Select(v => v.GetString()));
            }
        }
    }
}
