namespace CallSync.Contracts;

/// <summary>
/// The hub's answer to a valid enrollment: everything the phone needs to reach the hub, issued once and stored by the
/// phone (0600 in its data directory). The hub keeps the provisioning key (it signs commands with it) and only a hash
/// of the broker password.
/// </summary>
public sealed record EnrollmentResponse
{
    /// <summary>The enrolled device id.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The desk number the admin registered.</summary>
    public required string DeskNumber { get; init; }

    /// <summary>Base64 of the new 32-byte provisioning key (HMAC key of commands, replies and bind requests).</summary>
    public required string ProvisioningKey { get; init; }

    /// <summary>Where the phone connects: <c>mqtt://host:port</c> or <c>mqtts://host:port</c>.</summary>
    public required string BrokerUrl { get; init; }

    /// <summary>The MQTT user name (= the device id; also the client id the broker accepts).</summary>
    public required string BrokerUsername { get; init; }

    /// <summary>The MQTT password issued to this phone.</summary>
    public required string BrokerPassword { get; init; }
}
