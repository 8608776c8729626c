using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>The state a <see cref="CommandReply"/> reports.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReplyStatus>))]
public enum ReplyStatus
{
    /// <summary>Valid and being executed; a final reply follows.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>Executed; for dial, <see cref="CommandReply.RecordId"/> and <see cref="CommandReply.Result"/> are set.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>Accepted but could not be executed; <see cref="CommandReply.Reason"/> says why.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Not executed; <see cref="CommandReply.Reason"/> is one of <see cref="RejectReasons"/>.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
}
