using System.Text.Json;
using CallSync.Contracts;
using CallSync.Mqtt;
using CallSync.Records.Tests.Mqtt;
using CallSync.Records.Tests.Support;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Mosquitto;
using MQTTnet;
using MQTTnet.Protocol;

namespace CallSync.Records.Tests.Interop;

[Trait("Category", "Interop")]
[Collection("Mosquitto")]
public sealed class CommandInteropTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private static async Task SendAsync(TestSubscriber hub, byte[] payload)
    {
        await hub.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Commands("desk-test"))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
    }

    private static List<CommandReply> Replies(TestSubscriber hub) => hub.Messages
        .Select(m => JsonSerializer.Deserialize(m.Payload, CallSyncJsonContext.Default.CommandReply)!)
        .ToList();

    [Fact]
    public async Task Commands_OverRealBroker_DialOnceReplayAndRejections()
    {
        await using MosquittoBroker broker = await MosquittoBroker.StartNewAsync();
        await using var hub = new TestSubscriber(broker.Url, MqttTopics.Replies("desk-test"));
        await hub.ConnectAsync();

        using RecordsDatabase db = RecordsDatabase.OpenInDirectory(_data.Path);
        var options = new MqttLinkOptions { Url = broker.Url, ProvisioningKey = Convert.ToBase64String(CommandProcessorTests.Key), KeepAlive = TimeSpan.FromSeconds(5) };
        var dialer = new FakeDialer();
        await using var link = new MqttLink(options, TestRecords.Device, BootCounter.Next(db), TimeProvider.System, new ListLogger<MqttLink>());
        await using var processor = new CommandProcessor(
            TestRecords.Device, options, new CommandLedger(db, TimeProvider.System), dialer, link,
            () => new DeviceStatus { Activity = dialer.Activity }, TimeProvider.System, new ListLogger<CommandProcessor>());
        link.CommandReceived = processor.HandleAsync;
        link.Start();
        await link.WaitConnectedAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        DateTimeOffset now = DateTimeOffset.UtcNow;
        byte[] dial = CommandProcessorTests.Signed(CommandProcessorTests.Command("dial-1", issued: now));
        await SendAsync(hub, dial);
        Assert.True(await hub.WaitForAsync(m => m.Count >= 2, TimeSpan.FromSeconds(10)));
        await SendAsync(hub, dial);
        await SendAsync(hub, CommandProcessorTests.Signed(CommandProcessorTests.Command("dial-2", issued: now), key: new byte[32]));
        await SendAsync(hub, CommandProcessorTests.Signed(CommandProcessorTests.Command("dial-3", number: "12ab", issued: now)));
        await SendAsync(hub, new byte[CommandProcessor.MaxPayloadBytes + 1]);
        Assert.True(await hub.WaitForAsync(m => m.Count >= 6, TimeSpan.FromSeconds(10)));

        List<CommandReply> replies = Replies(hub);
        Assert.Equal(ReplyStatus.Accepted, replies[0].Status);
        Assert.Equal(ReplyStatus.Succeeded, replies[1].Status);
        Assert.Equal(dialer.RecordId, replies[1].RecordId);
        Assert.Equal(hub.Messages[1].Payload, hub.Messages[2].Payload);
        Assert.Equal(RejectReasons.BadSignature, replies[3].Reason);
        Assert.Equal(RejectReasons.BadNumber, replies[4].Reason);
        Assert.Equal(RejectReasons.TooLarge, replies[5].Reason);
        Assert.Equal(1, dialer.Dials);
    }
}
