using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>
/// Source-generated (AOT-safe) System.Text.Json metadata for every wire payload: camelCase names,
/// nulls omitted, enums as their documented strings, instants as <see cref="Timestamps.Format"/>.
/// Use e.g. <c>JsonSerializer.SerializeToUtf8Bytes(record, CallSyncJsonContext.Default.CallRecord)</c>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(CallRecord))]
[JsonSerializable(typeof(DeviceCommand))]
[JsonSerializable(typeof(CommandReply))]
[JsonSerializable(typeof(DeviceState))]
[JsonSerializable(typeof(DeviceStatus))]
[JsonSerializable(typeof(EnrollmentRequest))]
[JsonSerializable(typeof(EnrollmentResponse))]
public sealed partial class CallSyncJsonContext : JsonSerializerContext;
