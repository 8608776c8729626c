using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using CallSync.Records;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CallSync.Mqtt;

/// <summary>
/// One MQTT 5 client that keeps itself connected: a persistent session (clean start off, session expiry), keep-alive,
/// TLS with the installation's CA and an optional client certificate, a user name and password read from
/// <c>credentials</c> at every connect, and reconnects with exponential back-off and jitter. The phone's link
/// (<see cref="MqttLink"/>) and the hub's broker client both run on it, so connecting exists once.
/// After each CONNACK, <see cref="Prepare"/> runs (publish "online", subscribe); only when it succeeds does the
/// session count as connected. <see cref="Reconnect"/> drops the connection to connect again with fresh credentials.
/// </summary>
public sealed class MqttSession : IAsyncDisposable
{
    private readonly MqttSessionOptions _options;
    private readonly Func<BrokerCredential?> _credentials;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly RetryBackoff _backoff;
    private readonly Lock _signalGate = new();
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private int _stopping;
    private int _waitingLogged;
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the session; nothing connects until <see cref="Start"/>.</summary>
    /// <param name="options">Identity, timing, TLS.</param>
    /// <param name="credentials">The broker and CONNECT credential, read at every connect; null means "none yet": wait for <see cref="Reconnect"/>.</param>
    /// <param name="time">Clock for the back-off.</param>
    /// <param name="logger">The owner's logger (events 5001-5015).</param>
    public MqttSession(MqttSessionOptions options, Func<BrokerCredential?> credentials, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _credentials = credentials;
        _time = time;
        _logger = logger;
        _backoff = new RetryBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += e => MessageReceived?.Invoke(e) ?? Task.CompletedTask;
    }

    /// <summary>Raised after each successful connect, once <see cref="Prepare"/> has succeeded.</summary>
    public event Action? Connected;

    /// <summary>Runs after each CONNACK (publish presence, subscribe); false drops the connection and retries later.</summary>
    public Func<CancellationToken, Task<bool>>? Prepare { get; set; }

    /// <summary>Every received message; set <c>AutoAcknowledge = false</c> to acknowledge later.</summary>
    public Func<MqttApplicationMessageReceivedEventArgs, Task>? MessageReceived { get; set; }

    /// <summary>True while connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Starts connecting (and reconnecting) in the background.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        _stop = new CancellationTokenSource();
        _loop = Task.Run(() => ConnectLoopAsync(_stop.Token));
    }

    /// <summary>Completes when connected (at once if connected now).</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken) =>
        _client.IsConnected ? Task.CompletedTask : Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);

    /// <summary>The credentials changed: connect again with the new ones (at once when waiting for some).</summary>
    public void Reconnect()
    {
        lock (_signalGate)
        {
            TaskCompletionSource fired = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            fired.TrySetResult();
        }
    }

    /// <summary>Subscribes at QoS 1; false (logged) when the broker refuses any filter or the request fails.</summary>
    public async Task<bool> SubscribeAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (string filter in filters)
        {
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        MqttClientSubscribeResult result = await _client.SubscribeAsync(builder.Build(), timeout.Token).ConfigureAwait(false);
        bool granted = true;
        foreach (MqttClientSubscribeResultItem item in result.Items)
        {
            if (item.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2)
            {
                Log.SubscriptionRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
                granted = false;
            }
        }

        return granted;
    }

    /// <summary>A JSON payload as every CallSync message goes out: QoS 1, content type <c>application/json</c>.</summary>
    public static MqttApplicationMessage JsonMessage(string topic, ReadOnlyMemory<byte> payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(new ReadOnlySequence<byte>(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();

    /// <summary>Publishes at QoS 1 and waits for the PUBACK; false (logged) when not connected, refused or broken.</summary>
    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        MqttApplicationMessage message = JsonMessage(topic, payload, retain);
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

    /// <summary>
    /// Stops reconnecting; when connected, runs <paramref name="beforeDisconnect"/> (e.g. publish "offline") and
    /// disconnects normally, so the broker does not send the Last Will.
    /// </summary>
    public async Task StopAsync(Func<CancellationToken, Task>? beforeDisconnect, CancellationToken cancellationToken)
    {
        if (_stop is null || Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected on stop.
            }
        }

        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            if (beforeDisconnect is not null)
            {
                await beforeDisconnect(cancellationToken).ConfigureAwait(false);
            }

            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.StopFailed(_logger, ex);
        }
    }

    /// <summary>Drops the connection without DISCONNECT, as a crash would (tests kill a client this way).</summary>
    public void Abort() => _client.Dispose();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(null, CancellationToken.None).ConfigureAwait(false);
        _client.Dispose();
        _stop?.Dispose();
    }

    private Task ChangedSignal
    {
        get
        {
            lock (_signalGate)
            {
                return _changed.Task;
            }
        }
    }

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        int attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _disconnected, disconnected);
            Task changed = ChangedSignal;
            BrokerCredential? credential = _credentials();
            if (credential is null || !BrokerAddress.TryParse(credential.Url, out BrokerAddress address))
            {
                if (Interlocked.Exchange(ref _waitingLogged, 1) == 0)
                {
                    Log.WaitingForCredentials(_logger);
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            Volatile.Write(ref _waitingLogged, 0);
            if (!await TryConnectAsync(address, credential, cancellationToken).ConfigureAwait(false))
            {
                TimeSpan delay = _backoff.Next(attempt);
                attempt++;
                Log.ReconnectScheduled(_logger, attempt, delay);
                await Task.WhenAny(Task.Delay(delay, _time, cancellationToken), changed).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                continue;
            }

            attempt = 0;
            TaskCompletionSource connected = Interlocked.Exchange(ref _connected, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            connected.TrySetResult();
            Connected?.Invoke();
            await Task.WhenAny(disconnected.Task, changed).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (changed.IsCompleted && _client.IsConnected)
            {
                Log.CredentialsChanged(_logger);
                await DisconnectQuietlyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> TryConnectAsync(BrokerAddress address, BrokerCredential credential, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            MqttClientConnectResult result = await _client.ConnectAsync(BuildOptions(address, credential), timeout.Token).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                Log.ConnectRefused(_logger, address.Host, address.Port, result.ResultCode.ToString());
                return false;
            }

            Log.ConnectedToBroker(_logger, address.Host, address.Port, _options.ClientId, result.IsSessionPresent);
            if (Prepare is { } prepare && !await prepare(timeout.Token).ConfigureAwait(false))
            {
                await DisconnectQuietlyAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }

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
            Log.ConnectFailed(_logger, address.Host, address.Port, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    private async Task DisconnectQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            // Already gone: the loop connects again either way.
        }
    }

    private MqttClientOptions BuildOptions(BrokerAddress address, BrokerCredential credential)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(address.Host, address.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_options.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.OperationTimeout);
        if (_options.ReceiveMaximum > 0)
        {
            builder.WithReceiveMaximum(_options.ReceiveMaximum);
        }

        if (_options.Will?.Invoke() is { } will)
        {
            builder.WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload.ToArray())
                .WithWillRetain(will.Retain)
                .WithWillQualityOfServiceLevel(will.QualityOfServiceLevel)
                .WithWillContentType(will.ContentType);
        }

        if (credential.Username is not null)
        {
            builder.WithCredentials(credential.Username, credential.Password ?? string.Empty);
        }

        if (address.UseTls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls(true).WithTargetHost(address.Host);
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

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && Volatile.Read(ref _stopping) == 0)
        {
            Log.ConnectionLost(_logger, args.Reason.ToString());
        }

        Volatile.Read(ref _disconnected).TrySetResult();
        return Task.CompletedTask;
    }
}
