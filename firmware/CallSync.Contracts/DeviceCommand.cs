namespace CallSync.Contracts;

/// <summary>
/// A remote command, hub -> phone on <c>callsync/v1/devices/{deviceId}/commands</c> (QoS 1).
/// Signed with HMAC-SHA256 over <see cref="CommandSignature.CanonicalForm"/> with the device's provisioning key.
/// </summary>
public sealed record DeviceCommand
{
    /// <summary>Unique id chosen by the issuer (1-128 printable ASCII characters; a UUID is recommended).</summary>
    public string CommandId { get; init; } = string.Empty;

    /// <summary>One of <see cref="CommandTypes"/>.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>Arguments; null when the type takes none.</summary>
    public CommandArgs? Args { get; init; }

    /// <summary>When the issuer created the command (UTC, millisecond precision).</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>After this instant the device rejects the command as expired.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Base64 (RFC 4648 section 4, padded) HMAC-SHA256 of the canonical form.</summary>
    public string Signature { get; init; } = string.Empty;
}
