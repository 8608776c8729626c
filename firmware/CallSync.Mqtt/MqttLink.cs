using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CallSync.Mqtt;

/// <summary>
/// The phone's MQTT 5 connection (docs/mqtt-api.md): client id = device id, persistent session (CleanStart
/// false, session expiry), keep-alive, TLS with user/password or a client certificate, reconnect with exponential
/// back-off and jitter. On every connect it publishes the retained "online" state with this start's boot number and
/// subscribes to its commands topic (QoS 1); "offline" is the Last Will and is published on <see cref="StopAsync"/>.
/// Commands are handed to <see cref="CommandReceived"/> one at a time, in order, and acknowledged (PUBACK) only
/// after the handler returns, so a crash mid-handling gets the command redelivered.
/// </summary>
public sealed class MqttLink : IRecordTransport, IAsyncDisposable
{
    private readonly MqttOptions _options;
    private readonly DeviceIdentity _device;
    private readonly long _boot;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttLink> _logger;
    private readonly BrokerAddress _address;
    private readonly IMqttClient _client;
    private readonly RetryBackoff _backoff;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _inbound =
        Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _commandsTopic;
    private readonly string _stateTopic;
    private CancellationTokenSource? _stop;
    private Task? _connectLoop;
    private Task? _inboundLoop;
    private int _stopping;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the link; nothing connects until <see cref="Start"/>.</summary>
    /// <param name="options">Broker, credentials, timing.</param>
    /// <param name="device">This phone; its id is the MQTT client id.</param>
    /// <param name="boot">This start's boot number (<see cref="BootCounter.Next"/>).</param>
    /// <param name="time">Clock for back-off and timestamps.</param>
    /// <param name="logger">Logger.</param>
    public MqttLink(MqttOptions options, DeviceIdentity device, long boot, TimeProvider time, ILogger<MqttLink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (!BrokerAddress.TryParse(options.Url, out BrokerAddress address))
        {
            throw new ArgumentException("Mqtt:Url: expected mqtt://host[:port] or mqtts://host[:port]", nameof(options));
        }

        _options = options;
        _device = device;
        _boot = boot;
        _time = time;
        _logger = logger;
        _address = address;
        _commandsTopic = MqttTopics.Commands(device.DeviceId);
        _stateTopic = MqttTopics.State(device.DeviceId);
        _backoff = new RetryBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Raised after each successful connect (after "online" was published and commands subscribed).</summary>
    public event Action? Connected;

    /// <summary>Handles one command payload; called sequentially. The command is acknowledged when it returns.</summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, Task>? CommandReceived { get; set; }

    /// <summary>True while connected to the broker.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>The boot number announced in the state payload.</summary>
    public long Boot => _boot;

    /// <summary>Starts connecting (and reconnecting) in the background.</summary>
    public void Start()
    {
        if (_connectLoop is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        _stop = new CancellationTokenSource();
        _connectLoop = Task.Run(() => ConnectLoopAsync(_stop.Token));
        _inboundLoop = Task.Run(() => InboundLoopAsync(_stop.Token));
    }

    /// <summary>Completes when connected (at once if connected now).</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return Task.CompletedTask;
        }

        return Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        return await PublishCoreAsync(topic, payload, retain: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes "offline" (retained), disconnects normally (so the broker does not send the will) and stops reconnecting.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null || Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await WaitQuietlyAsync(_connectLoop).ConfigureAwait(false);
        _inbound.Writer.TryComplete();
        await WaitQuietlyAsync(_inboundLoop).ConfigureAwait(false);
        if (_client.IsConnected)
        {
            try
            {
                await PublishCoreAsync(_stateTopic, StatePayload(DeviceState.Offline), retain: true, cancellationToken).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
                Log.Disconnected(_logger, _boot);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StopFailed(_logger, ex);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _client.Dispose();
        _stop?.Dispose();
    }

    private static async Task WaitQuietlyAsync(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }
    }

    private async Task<bool> PublishCoreAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            MqttClientPublishResult result = await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                Log.PublishRefused(_logger, topic, result.ReasonCode.ToString());
            }

            return result.IsSuccess;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            Log.PublishFailed(_logger, topic, ex.GetType().Name);
            return false;
        }
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        int attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _disconnected, disconnected);
            if (!await TryConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                TimeSpan delay = _backoff.Next(attempt);
                attempt++;
                Log.ReconnectScheduled(_logger, attempt, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            attempt = 0;
            TaskCompletionSource connected = Interlocked.Exchange(ref _connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            connected.TrySetResult();
            Connected?.Invoke();
            await disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            MqttClientConnectResult result = await _client.ConnectAsync(BuildOptions(), timeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                Log.ConnectRefused(_logger, _address.Host, _address.Port, result.ResultCode.ToString());
                return false;
            }

            Log.ConnectedToBroker(_logger, _address.Host, _address.Port, result.IsSessionPresent, _boot);
            if (!await PublishCoreAsync(_stateTopic, StatePayload(DeviceState.Online), retain: true, timeout.Token).ConfigureAwait(false))
            {
                return false;
            }

            MqttClientSubscribeOptions subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(_commandsTopic, MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            await _client.SubscribeAsync(subscribe, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any connect failure (DNS, TLS, refused, timeout) is retried with back-off.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ConnectFailed(_logger, _address.Host, _address.Port, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    private MqttClientOptions BuildOptions()
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_address.Host, _address.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_device.DeviceId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.OperationTimeout)
            .WithWillTopic(_stateTopic)
            .WithWillPayload(StatePayload(DeviceState.Offline))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillContentType("application/json");
        if (_options.Username is not null)
        {
            builder.WithCredentials(_options.Username, _options.Password ?? string.Empty);
        }

        if (_address.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(_address.Host);
                if (_options.ClientCertificatePath is not null)
                {
                    X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(_options.ClientCertificatePath, _options.ClientKeyPath);
                    tls.WithClientCertificates([certificate]);
                }

                if (_options.CaCertificatePath is not null)
                {
                    var trust = new X509Certificate2Collection();
                    trust.ImportFromPemFile(_options.CaCertificatePath);
                    tls.WithTrustChain(trust);
                }
            });
        }

        return builder.Build();
    }

    private byte[] StatePayload(string state) => JsonSerializer.SerializeToUtf8Bytes(
        new DeviceState { State = state, Boot = _boot, At = _time.GetUtcNow() },
        CallSyncJsonContext.Default.DeviceState);

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && Volatile.Read(ref _stopping) == 0)
        {
            Log.ConnectionLost(_logger, args.Reason.ToString());
        }

        Volatile.Read(ref _disconnected).TrySetResult();
        return Task.CompletedTask;
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (!string.Equals(args.ApplicationMessage.Topic, _commandsTopic, StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        // Acknowledge after handling (MQTT 5 section 4.6: PUBACKs go out in receive order; the reader is sequential).
        args.AutoAcknowledge = false;
        if (!_inbound.Writer.TryWrite(args))
        {
            args.AutoAcknowledge = true;
        }

        return Task.CompletedTask;
    }

    private async Task InboundLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (MqttApplicationMessageReceivedEventArgs args in _inbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            Func<ReadOnlyMemory<byte>, CancellationToken, Task>? handler = CommandReceived;
            if (handler is not null)
            {
                byte[] payload = args.ApplicationMessage.Payload.ToArray();
                await handler(payload, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await args.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The connection dropped: the broker redelivers the command, the ledger absorbs the repeat.
                Log.AcknowledgeFailed(_logger, ex.GetType().Name);
            }
        }
    }
}
