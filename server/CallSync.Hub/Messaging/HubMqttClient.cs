using CallSync.Hub.Configuration;
using CallSync.Hub.Security;
using MQTTnet;
using Microsoft.Extensions.Logging;
using BrokerCredential = CallSync.Mqtt.BrokerCredential;
using MqttSession = CallSync.Mqtt.MqttSession;
using MqttSessionOptions = CallSync.Mqtt.MqttSessionOptions;

namespace CallSync.Hub.Messaging;

/// <summary>
/// The hub's connection to an external broker (mosquitto, EMQX...), on the same <see cref="MqttSession"/> the phones
/// use: user name and client id <c>Mqtt:Username</c>, its password (configured or generated), a persistent session so
/// QoS 1 records that arrive while this instance restarts wait for it at the broker, and the device-topic
/// subscriptions made again on every connect. The message handler belongs to <see cref="MqttIngress"/>.
/// </summary>
internal sealed class HubMqttClient : IHubBroker, IAsyncDisposable
{
    private readonly MqttSession _session;

    public HubMqttClient(MqttOptions options, HubSecrets secrets, TimeProvider timeProvider, ILogger<HubMqttClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(secrets);
        var credential = new BrokerCredential($"mqtt://{options.Host}:{options.Port}", options.Username, secrets.BrokerPassword);
        var filters = DeviceMessageRouter.Filters().Select(f => Shared(options, f)).ToArray();
        _session = new MqttSession(
            new MqttSessionOptions
            {
                ClientId = options.Username,
                SessionExpiry = TimeSpan.FromSeconds(options.SessionExpirySeconds),
                ReceiveMaximum = (ushort)options.ReceiveMaximum,
                ReconnectMaxDelay = TimeSpan.FromSeconds(10),
            },
            () => credential,
            timeProvider,
            logger)
        {
            Prepare = ct => _session!.SubscribeAsync(filters, ct),
        };
    }

    /// <summary>Called for every message; set <c>AutoAcknowledge = false</c> to acknowledge after storing.</summary>
    public Func<MqttApplicationMessageReceivedEventArgs, Task>? MessageReceived
    {
        get => _session.MessageReceived;
        set => _session.MessageReceived = value;
    }

    public bool IsConnected => _session.IsConnected;

    public void Start() => _session.Start();

    public Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken) =>
        _session.PublishAsync(topic, payload, retain, cancellationToken);

    /// <summary>An external broker checks credentials again at the next connect (after mosquitto re-reads its files).</summary>
    public Task DisconnectAsync(string username, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _session.StopAsync(null, cancellationToken);

    /// <summary>Drops the connection without DISCONNECT, as a crash would (tests use it to kill an instance).</summary>
    internal void Abort() => _session.Abort();

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    // Shared subscriptions split the work between instances; state is subscribed plainly on every instance because
    // retained messages are not sent to shared subscriptions (MQTT 5.0 section 4.8.2).
    private static string Shared(MqttOptions mqtt, string filter) =>
        string.IsNullOrEmpty(mqtt.SharedGroup) || filter.EndsWith("/state", StringComparison.Ordinal) ? filter : "$share/" + mqtt.SharedGroup + "/" + filter;
}
