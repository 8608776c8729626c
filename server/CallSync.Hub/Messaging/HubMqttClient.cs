using System.Buffers;
using CallSync.Hub.Configuration;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace CallSync.Hub.Messaging;

/// <summary>
/// The hub's one MQTT 5 connection: a persistent session (clean start off, session expiry) so QoS 1 records
/// that arrive while this instance restarts wait for it at the broker. Owns publishing; the subscriptions
/// and the message handler belong to <see cref="MqttIngress"/>.
/// </summary>
internal sealed class HubMqttClient : IAsyncDisposable
{
    private readonly MqttOptions _options;
    private readonly ILogger<HubMqttClient> _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _connectLock = new(1, 1);

    public HubMqttClient(MqttOptions options, ILogger<HubMqttClient> logger)
    {
        _options = options;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e => MessageReceived?.Invoke(e) ?? Task.CompletedTask;
    }

    /// <summary>Called for every message; set <c>AutoAcknowledge = false</c> to acknowledge after storing.</summary>
    public Func<MqttApplicationMessageReceivedEventArgs, Task>? MessageReceived { get; set; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects (if not connected) and (re)subscribes; throws on broker or network errors.</summary>
    public async Task EnsureConnectedAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                return;
            }

            var host = _options.Embedded ? _options.EmbeddedAddress : _options.Host;
            var port = _options.Embedded ? _options.EmbeddedPort : _options.Port;
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId(_options.ClientId)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithCleanStart(false)
                .WithSessionExpiryInterval((uint)_options.SessionExpirySeconds)
                .WithReceiveMaximum((ushort)_options.ReceiveMaximum)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                .WithTimeout(TimeSpan.FromSeconds(10));
            if (_options.Username is not null)
            {
                builder.WithCredentials(_options.Username, _options.Password);
            }

            await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in filters)
            {
                subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
            }

            await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
            Log.MqttConnected(_logger, host, port, _options.ClientId);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Publishes at QoS 1 and waits for the broker's PUBACK; false when not connected or refused.</summary>
    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();
        try
        {
            var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            return result.IsSuccess;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            Log.MqttPublishFailed(_logger, topic, ex);
            return false;
        }
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the connection without DISCONNECT, as a crash would (tests use it to kill an instance).</summary>
    internal void Abort() => _client.Dispose();

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _connectLock.Dispose();
        return ValueTask.CompletedTask;
    }
}
