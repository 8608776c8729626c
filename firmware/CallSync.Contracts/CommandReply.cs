namespace CallSync.Contracts;

/// <summary>
/// A reply, phone -> hub on <c>callsync/v1/devices/{deviceId}/replies</c> (QoS 1), signed by the phone with its
/// provisioning key (<see cref="ReplySignature"/>) as commands are by the hub.
/// </summary>
public sealed record CommandReply
{
    /// <summary>The command this answers; null only when the payload was too large or unparseable to read it.</summary>
    public string? CommandId { get; init; }

    /// <summary>The device that replies.</summary>
    public required string DeviceId { get; init; }

    /// <summary>accepted, then succeeded / failed; or rejected.</summary>
    public required ReplyStatus Status { get; init; }

    /// <summary>Why the command was rejected (<see cref="RejectReasons"/>) or failed (<see cref="FailReasons"/>).</summary>
    public string? Reason { get; init; }

    /// <summary>The finished call's record id (succeeded dial).</summary>
    public Guid? RecordId { get; init; }

    /// <summary>The finished call's result (succeeded dial).</summary>
    public CallResult? Result { get; init; }

    /// <summary>The device's status (succeeded status command).</summary>
    public DeviceStatus? Device { get; init; }

    /// <summary>When the device produced this reply (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Base64 (RFC 4648 section 4, padded) HMAC-SHA256 of <see cref="ReplySignature.CanonicalForm"/>; null when the phone has no key yet.</summary>
    public string? Signature { get; init; }
}
