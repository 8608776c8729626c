using System.Text.Json.Serialization;

namespace CallSync.Flash.Bundles;

/// <summary>Source-generated JSON for the manifest (AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BundleManifest))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
