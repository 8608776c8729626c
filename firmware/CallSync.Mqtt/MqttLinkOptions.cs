namespace CallSync.Mqtt;

/// <summary>
/// The MQTT link and remote-command options, bound from the agent's "Mqtt" configuration section
/// (keys documented in docs/mqtt-api.md, "Configuration"). Secrets (Password, ProvisioningKey) are never logged.
/// </summary>
public sealed class MqttLinkOptions
{
    /// <summary>Broker address: <c>mqtt://host:port</c> (plain TCP, default port 1883) or <c>mqtts://host:port</c> (TLS, default 8883).</summary>
    public string Url { get; set; } = "mqtt://127.0.0.1:1883";

    /// <summary>User name for the CONNECT packet; null for none.</summary>
    public string? Username { get; set; }

    /// <summary>Password for the CONNECT packet; null for none.</summary>
    public string? Password { get; set; }

    /// <summary>PEM client certificate for mutual TLS (mqtts only); null for none.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="ClientCertificatePath"/>; null when the key is in the certificate file.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>PEM file of CA certificates trusted for the broker (mqtts); null to use the system store.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>MQTT keep-alive; the broker declares the phone dead (and publishes "offline") after 1.5 times this. Default 30 s.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps the session (subscription and queued commands) while the phone is away. Default 7 days.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Limit for connecting and for one publish round trip. Default 10 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First reconnect delay (exponential back-off with jitter). Default 1 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reconnect delay. Default 60 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Base64 provisioning key (at least 32 bytes) that verifies remote commands; null disables commands (all rejected as bad-signature).</summary>
    public string? ProvisioningKey { get; set; }

    /// <summary>Allowed clock difference when checking issuedAt / expiresAt of commands. Default 30 s.</summary>
    public TimeSpan CommandClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long command ids are remembered for replay protection; also the longest validity a command may have. Default 24 h.</summary>
    public TimeSpan CommandReplayWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The key bytes, or empty when <see cref="ProvisioningKey"/> is unset or invalid.</summary>
    public byte[] ProvisioningKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(ProvisioningKey))
        {
            return [];
        }

        byte[] buffer = new byte[ProvisioningKey.Length];
        return Convert.TryFromBase64String(ProvisioningKey, buffer, out int written) ? buffer[..written] : [];
    }

    /// <summary>Checks every key; returns one message per problem naming the key and what was expected.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!BrokerAddress.TryParse(Url, out _))
        {
            errors.Add("Mqtt:Url: expected mqtt://host[:port] or mqtts://host[:port]");
        }

        if (KeepAlive < TimeSpan.FromSeconds(1) || KeepAlive > TimeSpan.FromSeconds(ushort.MaxValue))
        {
            errors.Add("Mqtt:KeepAlive: expected a duration between 00:00:01 and 18:12:15");
        }

        if (SessionExpiry < TimeSpan.Zero || SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            errors.Add("Mqtt:SessionExpiry: expected a non-negative duration");
        }

        if (OperationTimeout <= TimeSpan.Zero)
        {
            errors.Add("Mqtt:OperationTimeout: expected a positive duration");
        }

        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
        {
            errors.Add("Mqtt:ReconnectMinDelay/ReconnectMaxDelay: expected 0 < min <= max");
        }

        if (ClientKeyPath is not null && ClientCertificatePath is null)
        {
            errors.Add("Mqtt:ClientKeyPath: set only together with Mqtt:ClientCertificatePath");
        }

        if (ProvisioningKey is not null && ProvisioningKeyBytes().Length < Contracts.CommandSignature.MinKeyBytes)
        {
            errors.Add("Mqtt:ProvisioningKey: expected base64 of at least 32 bytes");
        }

        if (CommandClockSkew < TimeSpan.Zero || CommandReplayWindow <= TimeSpan.Zero)
        {
            errors.Add("Mqtt:CommandClockSkew/CommandReplayWindow: expected non-negative skew and a positive window");
        }

        return errors;
    }
}
