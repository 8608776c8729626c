using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using CallSync.Contracts;
using CallSync.Records;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace CallSync.Mqtt;

/// <summary>
/// The phone's MQTT 5 connection (docs/mqtt-api.md) on an <see cref="MqttSession"/>: client id = device id (= the
/// MQTT user name when enrolled), persistent session, keep-alive, TLS, reconnect with back-off. The broker credential
/// comes from <see cref="DeviceCredentials"/> at every connect, and a new enrollment reconnects with the new one. On
/// every connect it publishes the retained "online" state with this start's boot number and subscribes to its commands
/// topic (QoS 1); "offline" is the Last Will and is published on <see cref="StopAsync"/>. Commands are handed to
/// <see cref="CommandReceived"/> one at a time, in order, and acknowledged (PUBACK) only after the handler returns,
/// so a crash mid-handling gets the command redelivered.
/// </summary>
public sealed class MqttLink : IRecordTransport, IAsyncDisposable
{
    private readonly DeviceIdentity _device;
    private readonly DeviceCredentials _credentials;
    private readonly long _boot;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttLink> _logger;
    private readonly MqttSession _session;
    private readonly Channel<MqttApplicationMessageReceivedEventArgs> _inbound =
        Channel.CreateUnbounded<MqttApplicationMessageReceivedEventArgs>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _commandsTopic;
    private readonly string _stateTopic;
    private CancellationTokenSource? _stop;
    private Task? _inboundLoop;

    /// <summary>Creates a link configured by hand: broker, credentials and key from <paramref name="options"/>.</summary>
    public MqttLink(MqttLinkOptions options, DeviceIdentity device, long boot, TimeProvider time, ILogger<MqttLink> logger)
        : this(options, DeviceCredentials.FromOptions(options ?? throw new ArgumentNullException(nameof(options))), device, boot, time, logger)
    {
    }

    /// <summary>Creates the link; nothing connects until <see cref="Start"/>.</summary>
    /// <param name="options">Timing and TLS trust (its Url/Username/Password are not used: <paramref name="credentials"/> are).</param>
    /// <param name="credentials">The broker credential, read at every connect; the link reconnects when it changes.</param>
    /// <param name="device">This phone; its id is the MQTT client id.</param>
    /// <param name="boot">This start's boot number (<see cref="BootCounter.Next"/>).</param>
    /// <param name="time">Clock for back-off and timestamps.</param>
    /// <param name="logger">Logger.</param>
    public MqttLink(MqttLinkOptions options, DeviceCredentials credentials, DeviceIdentity device, long boot, TimeProvider time, ILogger<MqttLink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _device = device;
        _credentials = credentials;
        _boot = boot;
        _time = time;
        _logger = logger;
        _commandsTopic = MqttTopics.Commands(device.DeviceId);
        _stateTopic = MqttTopics.State(device.DeviceId);
        var sessionOptions = new MqttSessionOptions
        {
            ClientId = device.DeviceId,
            KeepAlive = options.KeepAlive,
            SessionExpiry = options.SessionExpiry,
            OperationTimeout = options.OperationTimeout,
            ReconnectMinDelay = options.ReconnectMinDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
            CaCertificatePath = options.CaCertificatePath,
            ClientCertificatePath = options.ClientCertificatePath,
            ClientKeyPath = options.ClientKeyPath,
            Will = () => MqttSession.JsonMessage(_stateTopic, StatePayload(DeviceState.Offline), retain: true),
        };
        _session = new MqttSession(sessionOptions, () => _credentials.Broker, time, logger)
        {
            Prepare = PrepareAsync,
            MessageReceived = OnMessageAsync,
        };
        _session.Connected += () => Connected?.Invoke();
        _credentials.Changed += _session.Reconnect;
    }

    /// <summary>Raised after each successful connect (after "online" was published and commands subscribed).</summary>
    public event Action? Connected;

    /// <summary>Handles one command payload; called sequentially. The command is acknowledged when it returns.</summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, Task>? CommandReceived { get; set; }

    /// <summary>True while connected to the broker.</summary>
    public bool IsConnected => _session.IsConnected;

    /// <summary>The warnings the "online" state carries (<see cref="DeviceState.Warnings"/>), read at each publish.</summary>
    public Func<IReadOnlyList<string>>? Warnings { get; set; }

    /// <summary>The boot number announced in the state payload.</summary>
    public long Boot => _boot;

    /// <summary>Where the link connects (null when not enrolled yet), for status lines.</summary>
    public string? BrokerUrl => _credentials.Broker?.Url;

    /// <summary>Starts connecting (and reconnecting) in the background.</summary>
    public void Start()
    {
        if (_stop is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        _stop = new CancellationTokenSource();
        _session.Start();
        _inboundLoop = Task.Run(() => InboundLoopAsync(_stop.Token));
    }

    /// <summary>Completes when connected (at once if connected now).</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken) => _session.WaitConnectedAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        _session.PublishAsync(topic, payload, retain: false, cancellationToken);

    /// <summary>Publishes the retained "online" state again (its warnings changed); false when not connected.</summary>
    public Task<bool> RepublishStateAsync(CancellationToken cancellationToken) =>
        _session.IsConnected
            ? _session.PublishAsync(_stateTopic, StatePayload(DeviceState.Online), retain: true, cancellationToken)
            : Task.FromResult(false);

    /// <summary>Publishes "offline" (retained), disconnects normally (so the broker does not send the will) and stops reconnecting.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null || _stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _inbound.Writer.TryComplete();
        if (_inboundLoop is not null)
        {
            try
            {
                await _inboundLoop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected on stop.
            }
        }

        await _session.StopAsync(
            async ct =>
            {
                await _session.PublishAsync(_stateTopic, StatePayload(DeviceState.Offline), retain: true, ct).ConfigureAwait(false);
                Log.Disconnected(_logger, _boot);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _credentials.Changed -= _session.Reconnect;
        await _session.DisposeAsync().ConfigureAwait(false);
        _stop?.Dispose();
    }

    // Subscribed before "online": the hub sends commands to a phone it sees online, and on a new session (a first
    // connect, a fresh enrollment) the broker drops a command published before the subscription exists.
    private async Task<bool> PrepareAsync(CancellationToken cancellationToken)
    {
        if (!await _session.SubscribeAsync([_commandsTopic], cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Log.Online(_logger, _boot);
        return await _session.PublishAsync(_stateTopic, StatePayload(DeviceState.Online), retain: true, cancellationToken).ConfigureAwait(false);
    }

    private byte[] StatePayload(string state) => JsonSerializer.SerializeToUtf8Bytes(
        new DeviceState
        {
            State = state,
            Boot = _boot,
            At = _time.GetUtcNow(),
            Warnings = state == DeviceState.Online && Warnings?.Invoke() is { Count: > 0 } warnings ? warnings : null,
        },
        CallSyncJsonContext.Default.DeviceState);

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
