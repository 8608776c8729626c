using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>How a call ended, from the user's point of view.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallResult>))]
public enum CallResult
{
    /// <summary>The call was answered (a 2xx final response or a local answer).</summary>
    [JsonStringEnumMemberName("answered")]
    Answered,

    /// <summary>The callee was busy (486 / 600).</summary>
    [JsonStringEnumMemberName("busy")]
    Busy,

    /// <summary>Nobody answered before the ring timeout (408 / 480 or local timeout).</summary>
    [JsonStringEnumMemberName("no-answer")]
    NoAnswer,

    /// <summary>The callee or this phone declined (603 / 403 / local reject).</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,

    /// <summary>The caller gave up before an answer (CANCEL).</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>Any other failure: network, 4xx-6xx not listed above, media failure.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
