using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CallSync.Records.Tests.Interop;

/// <summary>A hub-like MQTT 5 subscriber with a persistent session that reconnects after broker restarts.</summary>
public sealed class TestSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private readonly Lock _gate = new();
    private readonly List<(string Topic, byte[] Payload, bool Retain)> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private Task? _reconnect;

    public TestSubscriber(string url, string filter, string? clientId = null)
    {
        var uri = new Uri(url);
        _filter = filter;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer(uri.Host, uri.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId ?? "hub-" + Guid.NewGuid().ToString("N")[..8])
            .WithCleanStart(false)
            .WithSessionExpiryInterval(600)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(5))
            .Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            lock (_gate)
            {
                _messages.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            }

            _arrived.Release();
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (!_stop.IsCancellationRequested && e.ClientWasConnected)
            {
                _reconnect = Task.Run(ReconnectAsync);
            }

            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<(string Topic, byte[] Payload, bool Retain)> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }
    }

    public IMqttClient Client => _client;

    public async Task ConnectAsync()
    {
        await _client.ConnectAsync(_options);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    /// <summary>Waits (bounded) until the received messages satisfy <paramref name="predicate"/>.</summary>
    public async Task<bool> WaitForAsync(Func<IReadOnlyList<(string Topic, byte[] Payload, bool Retain)>, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!predicate(Messages))
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                return predicate(Messages);
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reconnect is not null)
        {
            await _reconnect;
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ReconnectAsync()
    {
        // Bounded: gives up when the test disposes the subscriber.
        while (!_stop.IsCancellationRequested && !_client.IsConnected)
        {
            try
            {
                await _client.ConnectAsync(_options, _stop.Token);
                return;
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
