namespace CallSync.Mqtt;

/// <summary>
/// A phone's hub credentials: the broker endpoint and password, and the provisioning key that signs commands and
/// replies. Enrollment replaces them as a whole while the agent runs; the link reads them at every connect (and
/// reconnects on <see cref="Changed"/>), the command processor at every command. Thread-safe; never logs a secret.
/// </summary>
public sealed class DeviceCredentials
{
    private Snapshot _current;

    /// <summary>Creates the holder; <paramref name="broker"/> null means "not enrolled yet": the link waits.</summary>
    public DeviceCredentials(BrokerCredential? broker, ReadOnlySpan<byte> provisioningKey)
    {
        _current = new Snapshot(broker, provisioningKey.ToArray());
    }

    /// <summary>Raised after <see cref="Replace"/>.</summary>
    public event Action? Changed;

    /// <summary>The broker endpoint and credential, or null when there is none yet.</summary>
    public BrokerCredential? Broker => Volatile.Read(ref _current).Broker;

    /// <summary>The provisioning key (empty when there is none: every command is then rejected as bad-signature).</summary>
    public ReadOnlySpan<byte> ProvisioningKey => Volatile.Read(ref _current).Key;

    /// <summary>The holder for a phone configured by hand: <see cref="MqttLinkOptions.Url"/>, its credentials and its key.</summary>
    public static DeviceCredentials FromOptions(MqttLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DeviceCredentials(new BrokerCredential(options.Url, options.Username, options.Password), options.ProvisioningKeyBytes());
    }

    /// <summary>Replaces everything at once (after an enrollment) and raises <see cref="Changed"/>.</summary>
    public void Replace(BrokerCredential broker, ReadOnlySpan<byte> provisioningKey)
    {
        ArgumentNullException.ThrowIfNull(broker);
        Volatile.Write(ref _current, new Snapshot(broker, provisioningKey.ToArray()));
        Changed?.Invoke();
    }

    private sealed record Snapshot(BrokerCredential? Broker, byte[] Key);
}
