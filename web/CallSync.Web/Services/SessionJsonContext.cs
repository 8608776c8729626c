using System.Text.Json.Serialization;

namespace CallSync.Web.Services;

/// <summary>Source-generated JSON for <see cref="SavedSession"/>.</summary>
[JsonSerializable(typeof(SavedSession))]
public sealed partial class SessionJsonContext : JsonSerializerContext;
