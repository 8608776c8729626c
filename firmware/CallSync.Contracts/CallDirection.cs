using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>Which side placed the call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallDirection>))]
public enum CallDirection
{
    /// <summary>Placed by this desk phone.</summary>
    [JsonStringEnumMemberName("outgoing")]
    Outgoing,

    /// <summary>Received by this desk phone.</summary>
    [JsonStringEnumMemberName("incoming")]
    Incoming,
}
