using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallSync.Contracts;
using CallSync.Control;
using CallSync.Testing.Peers.Agent;
using CallSync.Testing.Peers.Mosquitto;
using CallSync.Testing.Peers.Sipp;
using CallSync.Testing.Processes;
using MQTTnet;
using MQTTnet.Protocol;

namespace CallSync.Interop.Tests;

/// <summary>A hub's view: a signed dial command over a real mosquitto broker makes the agent call a sipp uas.</summary>
[Trait("Category", "Interop")]
public sealed class MosquittoDialTests : IDisposable
{
    private const string DeviceId = "desk-interop";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AgentSandbox _setup = new();
    private readonly byte[] _key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private readonly BlockingCollection<CommandReply> _replies = [];
    private readonly BlockingCollection<CallRecord> _records = [];

    public void Dispose()
    {
        _setup.Dispose();
        _replies.Dispose();
        _records.Dispose();
    }

    [Fact]
    public async Task SignedDial_ViaMosquitto_CallsSippAndPublishesRecord_TamperedIsRejected()
    {
        await using var broker = await MosquittoBroker.StartNewAsync(new MosquittoOptions { Persistence = false });
        var brokerPort = broker.Port;
        using var far = SippProcess.Start(new SippOptions { WorkingDirectory = _setup.Directory, Scenario = "uas" });
        var sippPort = far.Port;

        // Without a registrar, Sip:Domain alone routes plain numbers: the command's "2002" is dialled as sip:2002@127.0.0.1:PORT.
        var config = _setup.WriteConfig(json =>
        {
            json["Device"]!["ProvisioningKey"] = Convert.ToBase64String(_key);
            json["Sip"]!["Domain"] = $"127.0.0.1:{sippPort}";
            json["Mqtt"] = new JsonObject { ["Url"] = $"mqtt://127.0.0.1:{brokerPort}" };
        });

        using var hub = await ConnectHubAsync(brokerPort);
        using var agent = AgentProcess.Start("--config", config);
        agent.WaitForLine(AgentProcess.ReadyLine, Patience);

        // A tampered command is rejected without a call. Sending it until the rejection arrives also proves that the
        // agent's commands subscription is live before the real command goes out.
        var tampered = Sign(NewDial("2002")) with { Args = new CommandArgs { Number = "2003" } };
        CommandReply? rejection = null;
        var deadline = DateTime.UtcNow + Patience;
        while (rejection is null && DateTime.UtcNow < deadline)
        {
            await PublishAsync(hub, tampered);
            if (_replies.TryTake(out var reply, TimeSpan.FromSeconds(2)))
            {
                rejection = reply;
            }
        }

        Assert.NotNull(rejection);
        Assert.Equal(tampered.CommandId, rejection.CommandId);
        Assert.Equal(ReplyStatus.Rejected, rejection.Status);
        Assert.Equal(RejectReasons.BadSignature, rejection.Reason);
        while (_replies.TryTake(out _))
        {
            // further rejections of the repeated tampered command
        }

        var dial = Sign(NewDial("2002"));
        await PublishAsync(hub, dial);
        var accepted = NextReply(dial.CommandId, agent);
        Assert.Equal(ReplyStatus.Accepted, accepted.Status);

        // sipp's built-in uas answers and then waits for the caller's BYE: hang up from the phone once recording runs.
        agent.WaitForLine("Recording ", Patience);
        var hangup = await _setup.ControlAsync("hangup");
        Assert.True(hangup.Exit == ControlExit.Ok, hangup.Text);

        var final = NextReply(dial.CommandId, agent);
        Assert.Equal(ReplyStatus.Succeeded, final.Status);
        Assert.Equal(CallResult.Answered, final.Result);
        Assert.NotNull(final.RecordId);

        Assert.True(_records.TryTake(out var record, Patience), "no call record on the calls topic\n" + agent.Describe());
        Assert.Equal(final.RecordId, record.RecordId);
        Assert.Equal(CallResult.Answered, record.Result);
        Assert.Equal(CallDirection.Outgoing, record.Direction);
        Assert.Equal(OriginKind.Remote, record.Origin.Kind);
        Assert.Equal(dial.CommandId, record.Origin.CommandId);
        Assert.False(_records.TryTake(out _, TimeSpan.Zero), "the tampered command must not have placed a call");
        Assert.Equal(0, far.WaitForExit(Patience));
    }

    private CommandReply NextReply(string commandId, ChildProcess agent)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_replies.TryTake(out var reply, TimeSpan.FromMilliseconds(500)) && reply.CommandId == commandId)
            {
                return reply;
            }
        }

        throw new TimeoutException($"no reply to {commandId}\n{agent.Describe()}");
    }

    private static DeviceCommand NewDial(string number)
    {
        var now = DateTimeOffset.UtcNow;
        return new DeviceCommand
        {
            CommandId = Guid.NewGuid().ToString("N"),
            Type = CommandTypes.Dial,
            Args = new CommandArgs { Number = number },
            IssuedAt = now,
            ExpiresAt = now.AddMinutes(5),
        };
    }

    private DeviceCommand Sign(DeviceCommand command) => CommandSignature.Sign(command, DeviceId, _key);

    private static async Task PublishAsync(IMqttClient hub, DeviceCommand command)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(command, CallSyncJsonContext.Default.DeviceCommand);
        await hub.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.Commands(DeviceId))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
    }

    private async Task<IMqttClient> ConnectHubAsync(int port)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var bytes = e.ApplicationMessage.Payload.ToArray();
            if (e.ApplicationMessage.Topic == MqttTopics.Replies(DeviceId))
            {
                _replies.Add(JsonSerializer.Deserialize(bytes, CallSyncJsonContext.Default.CommandReply)!);
            }
            else if (e.ApplicationMessage.Topic == MqttTopics.Calls(DeviceId))
            {
                _records.Add(JsonSerializer.Deserialize(bytes, CallSyncJsonContext.Default.CallRecord)!);
            }

            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId("interop-hub")
            .Build();

        // The broker needs a moment to listen; connect attempts are bounded.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.ConnectAsync(options, timeout.Token);
                break;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }

        await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.Replies(DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.Calls(DeviceId), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return client;
    }
}
