namespace CallSync.Hub.Bindings;

/// <summary>
/// A desk phone asks the hub to bind an app user (flow b), on <c>callsync/v1/devices/{deviceId}/bind-requests</c>
/// (QoS 1). <see cref="Signature"/> is padded base64 HMAC-SHA256 with the device's provisioning key over the UTF-8
/// of <c>callsync-bind-request-v1\n{deviceId}\n{requestId}\n{appUserId}\n{issuedAt}</c> (issuedAt as sent).
/// </summary>
internal sealed record DeviceBindRequest
{
    public string RequestId { get; init; } = string.Empty;

    public string DeviceId { get; init; } = string.Empty;

    public string AppUserId { get; init; } = string.Empty;

    /// <summary>UTC ISO 8601 with milliseconds (the Contracts timestamp format).</summary>
    public string IssuedAt { get; init; } = string.Empty;

    public string Signature { get; init; } = string.Empty;

    public string CanonicalForm() => "callsync-bind-request-v1\n" + DeviceId + "\n" + RequestId + "\n" + AppUserId + "\n" + IssuedAt;
}
