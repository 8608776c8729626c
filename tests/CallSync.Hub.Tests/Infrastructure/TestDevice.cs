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

    public static async Task<TestDevice> ConnectAsync(int port, string id, params string[] subscriptions)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var device = new TestDevice(client, id);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(id)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build());
        foreach (var topic in subscriptions)
        {
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        }

        return device;
    }

    public async Task PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build());
        Assert.True(result.IsSuccess, "publish to " + topic + " failed: " + result.ReasonCode);
    }

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
