using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>What the phone is doing, reported by the status command.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeviceActivity>))]
public enum DeviceActivity
{
    /// <summary>On-hook, no call.</summary>
    [JsonStringEnumMemberName("idle")]
    Idle,

    /// <summary>An outgoing call is being set up.</summary>
    [JsonStringEnumMemberName("dialing")]
    Dialing,

    /// <summary>An incoming call is ringing.</summary>
    [JsonStringEnumMemberName("ringing")]
    Ringing,

    /// <summary>A call is connected.</summary>
    [JsonStringEnumMemberName("in-call")]
    InCall,
}
