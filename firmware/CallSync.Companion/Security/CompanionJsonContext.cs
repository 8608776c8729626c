using System.Text.Json.Serialization;

namespace CallSync.Companion.Security;

/// <summary>Source-generated JSON for the key files (no reflection; AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(StoredCompanion))]
[JsonSerializable(typeof(CompanionCredentials))]
internal sealed partial class CompanionJsonContext : JsonSerializerContext;
