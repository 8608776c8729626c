using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>What started an outgoing call (incoming calls use <see cref="Network"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OriginKind>))]
public enum OriginKind
{
    /// <summary>Dialled on the phone's keypad.</summary>
    [JsonStringEnumMemberName("keypad")]
    Keypad,

    /// <summary>A signed remote command from the hub over MQTT.</summary>
    [JsonStringEnumMemberName("remote")]
    Remote,

    /// <summary>The paired mobile over the companion link.</summary>
    [JsonStringEnumMemberName("companion")]
    Companion,

    /// <summary>The technician CLI.</summary>
    [JsonStringEnumMemberName("cli")]
    Cli,

    /// <summary>An incoming call from the network.</summary>
    [JsonStringEnumMemberName("network")]
    Network,
}
