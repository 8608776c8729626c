using System.Text.Json.Serialization;
using CallSync.Contracts;

namespace CallSync.Mqtt.Enrollment;

/// <summary>Source-generated JSON metadata for the stored enrollment file (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(StoredEnrollment))]
internal sealed partial class EnrollmentJsonContext : JsonSerializerContext;
