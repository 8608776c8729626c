using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using CallSync.Contracts;
using MQTTnet;
using MQTTnet.Protocol;

namespace CallSync.Hub.Tests.Infrastructure;

/// <summary>A simulated desk phone or app on MQTT: publishes records and replies, collects what it receives.</summary>
public sealed class TestDevice : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestDevice(IMqttClient client, string id)
    {
        _client = client;
        Id = id;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Received.Add((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
    }

    public string Id { get; }

    public BlockingCollection<(string Topic, byte[] Payload)> Received { get; } = new();

    /// <summary>Connects (MQTT 5, QoS 1 subscriptions, each asserted granted); an anonymous broker takes a null user name.</summary>
    public static async Task<TestDevice> ConnectAsync(int port, string id, string? username, string? password, params string[] subscriptions)
    {
        var (client, code) = await MqttProbe.TryConnectAsync(port, id, username, password);
        Assert.True(client is not null, (username ?? id) + " could not connect: " + code);
        var device = new TestDevice(client!, id);
        foreach (var topic in subscriptions)
        {
            Assert.True(await device.SubscribeAsync(topic), "subscription to " + topic + " refused");
        }

        return device;
    }

    /// <summary>Takes over a client already connected (its messages are collected from now on).</summary>
    internal static TestDevice Wrap(IMqttClient client, string id) => new(client, id);

    /// <summary>An anonymous client (for brokers without identities, e.g. <see cref="TestBroker"/>).</summary>
    public static Task<TestDevice> ConnectAsync(int port, string id, params string[] subscriptions) =>
        ConnectAsync(port, id, null, null, subscriptions);

    /// <summary>True when the broker granted the subscription.</summary>
    public async Task<bool> SubscribeAsync(string filter)
    {
        var result = await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        return result.Items.All(i => i.ResultCode <= MqttClientSubscribeResultCode.GrantedQoS2);
    }

    /// <summary>Publishes at QoS 1 and returns the broker's answer.</summary>
    public async Task<MqttClientPublishResult> TryPublishAsync(string topic, byte[] payload, bool retain = false) =>
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());

    /// <summary>Publishes at QoS 1; a broker that closes the connection instead of answering gives <c>UnspecifiedError</c>.</summary>
    public async Task<MqttClientPublishReasonCode> TryPublishQuietlyAsync(string topic, byte[] payload)
    {
        try
        {
            return (await TryPublishAsync(topic, payload)).ReasonCode;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            return MqttClientPublishReasonCode.UnspecifiedError;
        }
    }

    public async Task PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var result = await TryPublishAsync(topic, payload, retain);
        Assert.True(result.IsSuccess, "publish to " + topic + " failed: " + result.ReasonCode);
    }

    public bool IsConnected => _client.IsConnected;

    public Task PublishRecordAsync(CallRecord record) =>
        PublishAsync(MqttTopics.Calls(record.DeviceId), JsonSerializer.SerializeToUtf8Bytes(record, CallSyncJsonContext.Default.CallRecord));

    /// <summary>The next message, waiting at most <paramref name="timeout"/> (real time).</summary>
    public (string Topic, byte[] Payload) Next(TimeSpan timeout)
    {
        Assert.True(Received.TryTake(out var message, timeout), Id + " received nothing within " + timeout);
        return message;
    }

    public static CallRecord Record(string deviceId, DateTimeOffset startedAt, string remote = "+4930123456", Guid? id = null, CallDirection direction = CallDirection.Outgoing) => new()
    {
        RecordId = id ?? Guid.NewGuid(),
        CallId = Guid.NewGuid().ToString("N") + "@desk",
        DeviceId = deviceId,
        DeviceNumber = "2001",
        Direction = direction,
        LocalNumber = PartyNumber.From("2001"),
        RemoteNumber = PartyNumber.From(remote),
        StartedAt = Timestamps.Truncate(startedAt),
        AnsweredAt = Timestamps.Truncate(startedAt.AddSeconds(3)),
        EndedAt = Timestamps.Truncate(startedAt.AddSeconds(60)),
        RingSeconds = 3,
        TalkSeconds = 57,
        Result = CallResult.Answered,
        SipStatus = 200,
        EndedBy = CallEndedBy.Local,
        Origin = new CallOrigin { Kind = OriginKind.Keypad },
    };

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        Received.Dispose();
    }
}
