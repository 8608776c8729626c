using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Messaging;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Waiting;
using MQTTnet;

namespace CallSync.Hub.Tests.Security;

/// <summary>
/// The broker rules (issue 17, "Proven by"), the same facts against every broker the hub supports: the derived classes
/// run them on the embedded broker and on mosquitto started with the files the hub generated. Phones desk-a and desk-b
/// and app users alice and bob are enrolled and signed in through the hub's API, as in production.
/// </summary>
public abstract class BrokerSecurityTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private protected abstract bool Mosquitto { get; }

    [Fact]
    public async Task Connect_AnonymousOrWrongPassword_Refused()
    {
        await using var scene = await Scene.StartAsync(Mosquitto);

        var (anonymous, anonymousCode) = await scene.Secured.ConnectAsync("desk-a", null, null, retry: false);
        var (wrong, wrongCode) = await scene.Secured.ConnectAsync("desk-a", "desk-a", "not-the-password", retry: false);
        var (noToken, noTokenCode) = await scene.Secured.ConnectAsync("user@alice", "user@alice", "garbage-token", retry: false);

        Assert.Null(anonymous);
        Assert.Null(wrong);
        Assert.Null(noToken);
        Assert.NotEqual(MqttClientConnectResultCode.Success, anonymousCode);
        Assert.NotEqual(MqttClientConnectResultCode.Success, wrongCode);
        Assert.NotEqual(MqttClientConnectResultCode.Success, noTokenCode);
    }

    [Fact]
    public async Task Connect_WithAnotherPhonesClientId_DoesNotTakeOverItsSession()
    {
        await using var scene = await Scene.StartAsync(Mosquitto);
        await using var deskB = await scene.Secured.ConnectDeviceAsync(scene.DeskB, MqttTopics.Commands("desk-b"));

        // desk-a presents its own credentials with desk-b's client id: the embedded broker refuses the CONNECT,
        // mosquitto replaces the client id with the user name. Either way desk-b keeps its session.
        var (intruder, _) = await scene.Secured.ConnectAsync("desk-b", "desk-a", scene.DeskA.BrokerPassword, retry: false);
        using (intruder)
        {
            await Task.Delay(500); // a takeover would drop desk-b within milliseconds
            Assert.True(deskB.IsConnected, "desk-b was kicked off by a client using its client id");
            var (_, command) = await scene.DialAsync("desk-b", deskB);
            Assert.Equal(CommandTypes.Dial, command.Type);
        }
    }

    [Fact]
    public async Task Subscribe_AnotherPhonesCommandsOrWildcards_ReceivesNothing()
    {
        await using var scene = await Scene.StartAsync(Mosquitto);
        await using var deskA = await scene.Secured.ConnectDeviceAsync(scene.DeskA, MqttTopics.Commands("desk-a"));
        await using var deskB = await scene.Secured.ConnectDeviceAsync(scene.DeskB, MqttTopics.Commands("desk-b"));

        string[] foreign = [MqttTopics.Commands("desk-b"), "callsync/v1/devices/+/commands", "callsync/v1/#", "callsync/v1/devices/+/calls"];
        foreach (var filter in foreign)
        {
            var granted = await deskA.SubscribeAsync(filter);

            // The embedded broker refuses the SUBSCRIBE; mosquitto 2.0 grants it but never delivers what the ACL does not let it read.
            Assert.True(Mosquitto || !granted, filter + " was granted");
        }

        // A dial to desk-b and desk-b's own record reach their readers only: desk-a gets nothing of them.
        await scene.DialAsync("desk-b", deskB);
        await deskB.PublishRecordAsync(TestDevice.Record("desk-b", DateTimeOffset.UtcNow));
        Assert.False(deskA.Received.TryTake(out var leaked, TimeSpan.FromMilliseconds(500)), "desk-a received " + leaked.Topic);
    }

    [Fact]
    public async Task Publish_OnAnotherPhonesTopics_NothingReachesTheHubOrAnyone()
    {
        await using var scene = await Scene.StartAsync(Mosquitto);
        await using var deskB = await scene.Secured.ConnectDeviceAsync(scene.DeskB, MqttTopics.Commands("desk-b"));
        await using var app = await scene.Secured.ConnectAppAsync("alice", scene.AliceToken, MqttTopics.UserInbox("alice"));
        var forged = TestDevice.Record("desk-b", DateTimeOffset.UtcNow, remote: "+1900555");
        var offline = JsonSerializer.SerializeToUtf8Bytes(new DeviceState { State = DeviceState.Offline, Boot = 1, At = DateTimeOffset.UtcNow }, CallSyncJsonContext.Default.DeviceState);
        (string Topic, byte[] Payload)[] attempts =
        [
            (MqttTopics.Calls("desk-b"), JsonSerializer.SerializeToUtf8Bytes(forged, CallSyncJsonContext.Default.CallRecord)),
            (MqttTopics.State("desk-b"), offline),
            (MqttTopics.Commands("desk-b"), "{\"commandId\":\"forged\"}"u8.ToArray()),
            (MqttTopics.UserInbox("alice"), "{\"kind\":\"record\"}"u8.ToArray()),
        ];
        foreach (var (topic, payload) in attempts)
        {
            // Each on a fresh connection: mosquitto 2.0 may close the connection of a client that publishes outside its ACL.
            await using var deskA = await scene.Secured.ConnectDeviceAsync(scene.DeskA);
            var result = await deskA.TryPublishQuietlyAsync(topic, payload);
            Assert.True(Mosquitto || result == MqttClientPublishReasonCode.NotAuthorized, topic + ": " + result);
        }

        // desk-a's own record, published after, is stored: the forged one (handled first) is not; nobody got the rest.
        await using (var deskA = await scene.Secured.ConnectDeviceAsync(scene.DeskA))
        {
            var own = TestDevice.Record("desk-a", DateTimeOffset.UtcNow);
            await deskA.PublishRecordAsync(own);
            await scene.WaitForRecordAsync(own.RecordId);
        }

        Assert.Null(await scene.FindRecordAsync(forged.RecordId));
        Assert.Null(await scene.Hub.Get<Storage.DeviceStore>().GetStateAsync("desk-b", CancellationToken.None));
        Assert.False(deskB.Received.TryTake(out _, TimeSpan.FromMilliseconds(300)), "desk-b received a forged command");
        Assert.False(app.Received.TryTake(out _, TimeSpan.FromMilliseconds(300)), "alice received a forged push");
    }

    [Fact]
    public async Task Record_DeviceIdDiffersFromTopic_RefusedAndCounted()
    {
        await using var scene = await Scene.StartAsync(Mosquitto);
        await using var deskA = await scene.Secured.ConnectDeviceAsync(scene.DeskA);
        var mismatched = TestDevice.Record("desk-b", DateTimeOffset.UtcNow);

        var result = await deskA.TryPublishAsync(MqttTopics.Calls("desk-a"), JsonSerializer.SerializeToUtf8Bytes(mismatched, CallSyncJsonContext.Default.CallRecord));

        if (!Mosquitto)
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        }

        await Eventually.UntilAsync(() => Task.FromResult(scene.Hub.Refused(RefusalCounter.DeviceIdMismatch) == 1), Wait, "the refusal counted");
        Assert.Null(await scene.FindRecordAsync(mismatched.RecordId));
        using var counters = await scene.Hub.SendAsync(HttpMethod.Get, "/api/v1/admin/refusals", await scene.Hub.AdminTokenAsync());
        var counted = await counters.Content.ReadFromJsonAsync(HubJsonContext.Default.IReadOnlyDictionaryStringInt64);
        Assert.Equal(1, counted![RefusalCounter.DeviceIdMismatch]);
    }

    [Fact]
    public async Task AppUser_AnotherUsersInboxOrName_Refused()
    {
        await using var scene = await Scene.StartAsync(Mosquitto);
        await using var alice = await scene.Secured.ConnectAppAsync("alice", scene.AliceToken, MqttTopics.UserInbox("alice"));
        await using var bob = await scene.Secured.ConnectAppAsync("bob", scene.BobToken, MqttTopics.UserInbox("bob"));

        foreach (var filter in new[] { MqttTopics.UserInbox("bob"), "callsync/v1/users/+/inbox" })
        {
            var granted = await alice.SubscribeAsync(filter);
            Assert.True(Mosquitto || !granted, filter + " was granted");
        }

        var (asBob, _) = await scene.Secured.ConnectAsync("user@bob", "user@bob", scene.AliceToken, retry: false);
        Assert.Null(asBob);

        // A push to bob reaches bob, and only bob.
        Assert.True(await scene.Hub.Get<IHubBroker>().PublishAsync(MqttTopics.UserInbox("bob"), "{\"kind\":\"test\"}"u8.ToArray(), retain: false, CancellationToken.None));
        Assert.Equal(MqttTopics.UserInbox("bob"), bob.Next(Wait).Topic);
        Assert.False(alice.Received.TryTake(out _, TimeSpan.FromMilliseconds(500)), "alice received bob's push");
    }

    [Fact]
    public async Task NormalLoop_RecordStateSignedDialAndInbox_WorkEndToEnd()
    {
        await using var scene = await Scene.StartAsync(Mosquitto);
        using (var push = await scene.Hub.SendAsync(HttpMethod.Put, "/api/v1/me/push", scene.AliceToken,
            JsonContent.Create(new PushPolicyRequest("immediate", null, null), HubJsonContext.Default.PushPolicyRequest)))
        {
            Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        }

        await using var app = await scene.Secured.ConnectAppAsync("alice", scene.AliceToken, MqttTopics.UserInbox("alice"));
        await using var deskA = await scene.Secured.ConnectDeviceAsync(scene.DeskA, MqttTopics.Commands("desk-a"));

        await deskA.PublishAsync(MqttTopics.State("desk-a"), JsonSerializer.SerializeToUtf8Bytes(
            new DeviceState { State = DeviceState.Online, Boot = 7, At = DateTimeOffset.UtcNow }, CallSyncJsonContext.Default.DeviceState), retain: true);
        await Eventually.UntilAsync(async () =>
        {
            using var r = await scene.Hub.SendAsync(HttpMethod.Get, "/api/v1/devices/desk-a", scene.AliceToken);
            return (await r.Content.ReadFromJsonAsync(HubJsonContext.Default.DeviceStateDto))?.Online == true;
        }, Wait, "desk-a online");

        var (dial, command) = await scene.DialAsync("desk-a", deskA);
        Assert.True(CommandSignature.Verify(command, "desk-a", scene.DeskA.Key));
        var record = TestDevice.Record("desk-a", DateTimeOffset.UtcNow);
        await deskA.PublishRecordAsync(record);
        await deskA.PublishAsync(MqttTopics.Replies("desk-a"), JsonSerializer.SerializeToUtf8Bytes(ReplySignature.Sign(new CommandReply
        {
            CommandId = command.CommandId,
            DeviceId = "desk-a",
            Status = ReplyStatus.Succeeded,
            RecordId = record.RecordId,
            Result = CallResult.Answered,
            At = DateTimeOffset.UtcNow,
        }, scene.DeskA.Key), CallSyncJsonContext.Default.CommandReply));

        await Eventually.UntilAsync(async () =>
        {
            using var r = await scene.Hub.SendAsync(HttpMethod.Get, "/api/v1/dials/" + dial.RequestId, scene.AliceToken);
            return (await r.Content.ReadFromJsonAsync(HubJsonContext.Default.DialDto))?.Status == "succeeded";
        }, Wait, "the dial to succeed");
        await scene.WaitForRecordAsync(record.RecordId);
        var (topic, payload) = app.Next(Wait);
        Assert.Equal(MqttTopics.UserInbox("alice"), topic);
        Assert.Equal(record.RecordId.ToString("D"), JsonDocument.Parse(payload).RootElement.GetProperty("record").GetProperty("recordId").GetString());
    }

    /// <summary>desk-a and desk-b enrolled; alice bound to both with dial permission; bob signed in.</summary>
    private sealed class Scene : IAsyncDisposable
    {
        private Scene(SecuredHub secured, TestEnrollment deskA, TestEnrollment deskB, string aliceToken, string bobToken)
        {
            Secured = secured;
            DeskA = deskA;
            DeskB = deskB;
            AliceToken = aliceToken;
            BobToken = bobToken;
        }

        public SecuredHub Secured { get; }

        public TestHub Hub => Secured.Hub;

        public TestEnrollment DeskA { get; }

        public TestEnrollment DeskB { get; }

        public string AliceToken { get; }

        public string BobToken { get; }

        public static async Task<Scene> StartAsync(bool mosquitto)
        {
            var secured = await SecuredHub.StartAsync(mosquitto, TimeProvider.System);
            var hub = secured.Hub;
            var deskA = await hub.CreateDeviceAsync("desk-a", "2001");
            var deskB = await hub.CreateDeviceAsync("desk-b", "2002");
            var alice = await hub.CreateUserAsync("alice");
            var bob = await hub.CreateUserAsync("bob");
            await hub.BindAsync("alice", "desk-a");
            await hub.BindAsync("alice", "desk-b");
            secured.IdentitiesChanged();
            return new Scene(secured, deskA, deskB, alice, bob);
        }

        /// <summary>alice dials through the hub; returns the dial and the signed command the phone received.</summary>
        public async Task<(DialDto Dial, DeviceCommand Command)> DialAsync(string deviceId, TestDevice phone)
        {
            using var response = await Hub.SendAsync(HttpMethod.Post, $"/api/v1/devices/{deviceId}/dial", AliceToken,
                JsonContent.Create(new DialBody("2099"), HubJsonContext.Default.DialBody));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var dial = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DialDto))!;
            var (topic, payload) = phone.Next(Wait);
            Assert.Equal(MqttTopics.Commands(deviceId), topic);
            return (dial, JsonSerializer.Deserialize(payload, CallSyncJsonContext.Default.DeviceCommand)!);
        }

        public Task<Storage.StoredCallRecord?> FindRecordAsync(Guid recordId) =>
            Hub.Get<Storage.CallRecordStore>().GetAsync(recordId.ToString("D"), CancellationToken.None);

        public Task WaitForRecordAsync(Guid recordId) =>
            Eventually.UntilAsync(async () => await FindRecordAsync(recordId) is not null, Wait, "record " + recordId + " stored");

        public ValueTask DisposeAsync() => Secured.DisposeAsync();
    }
}
