using System.Text.Json.Serialization;
using CallSync.Hub.Events;

namespace CallSync.Hub.Api;

/// <summary>Source-generated JSON metadata for the routes and events the web app added (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(RecordEvent))]
[JsonSerializable(typeof(BindingEvent))]
[JsonSerializable(typeof(DeviceEvent))]
[JsonSerializable(typeof(RecordingEvent))]
[JsonSerializable(typeof(RecordingStatusDto))]
[JsonSerializable(typeof(PlaybackLinkDto))]
[JsonSerializable(typeof(IReadOnlyList<MyPhoneDto>))]
[JsonSerializable(typeof(IReadOnlyList<UserDto>))]
[JsonSerializable(typeof(IReadOnlyList<DeviceOverviewDto>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(RoleRequest))]
[JsonSerializable(typeof(DisabledRequest))]
[JsonSerializable(typeof(StatsDto))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
