using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>Who ended the call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallEndedBy>))]
public enum CallEndedBy
{
    /// <summary>The desk-phone user (on-hook, hang-up key, a remote or companion hang-up command).</summary>
    [JsonStringEnumMemberName("local")]
    Local,

    /// <summary>The remote party (BYE, CANCEL, or a final error response).</summary>
    [JsonStringEnumMemberName("remote")]
    Remote,

    /// <summary>The phone itself: timeout, media loss, shutdown.</summary>
    [JsonStringEnumMemberName("system")]
    System,
}
