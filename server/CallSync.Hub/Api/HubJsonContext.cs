using System.Text.Json.Serialization;
using CallSync.Hub.Bindings;

namespace CallSync.Hub.Api;

/// <summary>Source-generated JSON metadata for the HTTP API and the hub's own MQTT payloads (NativeAOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(PatternsRequest))]
[JsonSerializable(typeof(CreateDeviceRequest))]
[JsonSerializable(typeof(EnrollmentCodeDto))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, long>))]
[JsonSerializable(typeof(CallSync.Contracts.EnrollmentRequest))]
[JsonSerializable(typeof(CallSync.Contracts.EnrollmentResponse))]
[JsonSerializable(typeof(PushPolicyRequest))]
[JsonSerializable(typeof(BindRequest))]
[JsonSerializable(typeof(AttestationRequest))]
[JsonSerializable(typeof(ApproveRequest))]
[JsonSerializable(typeof(BindingDto))]
[JsonSerializable(typeof(IReadOnlyList<BindingDto>))]
[JsonSerializable(typeof(RecordDto))]
[JsonSerializable(typeof(RecordPage))]
[JsonSerializable(typeof(DialBody))]
[JsonSerializable(typeof(DialDto))]
[JsonSerializable(typeof(IReadOnlyList<AuditDto>))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(ErrorDto))]
[JsonSerializable(typeof(DeviceStateDto))]
[JsonSerializable(typeof(DeviceBindRequest))]
internal sealed partial class HubJsonContext : JsonSerializerContext;
