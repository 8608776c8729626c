using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CallSync.Mqtt;
using CallSync.Records.Tests.Interop;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Peers.Mosquitto;
using CallSync.Testing.Ports;
using MQTTnet;
using MQTTnet.Protocol;

namespace CallSync.Records.Tests.Mqtt;

public sealed class EmbeddedBrokerTests
{
    private const int Phones = 10;
    private const int PerPhone = 200;
    private const int Messages = Phones * PerPhone;

    [Fact]
    public async Task Publish_BurstWhileSubscriberAcknowledgesSlowly_DeliversEveryMessage()
    {
        var logger = new ListLogger<EmbeddedBroker>();
        await using var broker = await EmbeddedBroker.StartAsync(logger, IPAddress.Loopback, FreePort.Tcp());

        // The hub's shape: manual acknowledgement after its commit, few in flight (receive maximum), so the rest of
        // a burst waits in the broker's queue for this subscriber.
        var unacknowledged = new ConcurrentQueue<MqttApplicationMessageReceivedEventArgs>();
        var received = new ConcurrentDictionary<string, int>();
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            e.AutoAcknowledge = false;
            received.AddOrUpdate(Encoding.UTF8.GetString(e.ApplicationMessage.Payload), 1, (_, n) => n + 1);
            unacknowledged.Enqueue(e);
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options(broker.Port, "slow-hub").WithReceiveMaximum(10).Build());
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic("callsync/v1/devices/+/calls").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());

        // Ten phones, each with the outbox's window of 16 publishes in flight: faster than one subscriber's
        // connection drains, so the broker's queue for it grows past MQTTnet's default limit (250).
        var phones = new List<IMqttClient>();
        for (var p = 0; p < Phones; p++)
        {
            var phone = new MqttClientFactory().CreateMqttClient();
            await phone.ConnectAsync(Options(broker.Port, "phone-" + p).Build());
            phones.Add(phone);
        }

        await Task.WhenAll(phones.Select(async (phone, p) =>
        {
            var window = new Queue<Task<MqttClientPublishResult>>();
            for (var i = 0; i < PerPhone; i++)
            {
                if (window.Count == 16)
                {
                    Assert.True((await window.Dequeue()).IsSuccess);
                }

                window.Enqueue(phone.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic($"callsync/v1/devices/desk-{p}/calls").WithPayload($"record-{p}-{i}")
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
            }

            foreach (var pending in window)
            {
                Assert.True((await pending).IsSuccess);
            }
        }));
        foreach (var phone in phones)
        {
            phone.Dispose();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < Messages && DateTime.UtcNow < deadline)
        {
            if (unacknowledged.TryDequeue(out var message))
            {
                await message.AcknowledgeAsync(CancellationToken.None);
            }
            else
            {
                await Task.Delay(10);
            }
        }

        Assert.Equal(Messages, received.Count);
        Assert.Equal(0, logger.Count(5201));
    }

    private static MqttClientOptionsBuilder Options(int port, string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", port)
        .WithClientId(clientId)
        .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
        .WithTimeout(TimeSpan.FromSeconds(10));
}
