using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Api;

public sealed class DialRelayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Dial_DeviceAcceptsAndSucceeds_ReportsSucceededWithRecordId()
    {
        await using var scene = await Scene.StartAsync(TimeProvider.System);

        var (dial, command) = await scene.DialAsync("+49 30 1234567");

        Assert.Equal("sent", dial.Status);
        Assert.True(CommandSignature.Verify(command, "desk-1", scene.Key));
        Assert.False(CommandSignature.Verify(command, "desk-2", scene.Key));
        Assert.Equal(CommandTypes.Dial, command.Type);
        Assert.Equal("+49 30 1234567", command.Args!.Number);
        Assert.Equal(dial.RequestId, command.CommandId);
        Assert.True(command.ExpiresAt > command.IssuedAt);

        await scene.ReplyAndWaitAsync(command, ReplyStatus.Accepted, "accepted");
        var recordId = Guid.NewGuid();
        await scene.ReplyAndWaitAsync(command, ReplyStatus.Succeeded, "succeeded", recordId);
        Assert.Equal(recordId.ToString("D"), (await scene.StatusAsync(dial.RequestId)).RecordId);
    }

    [Fact]
    public async Task Dial_DeviceRejects_ReportsRejectedWithReason()
    {
        await using var scene = await Scene.StartAsync(TimeProvider.System);
        var (dial, command) = await scene.DialAsync("2002");

        // A phone cannot publish on another device's topic at all, and a reply not signed with this phone's key changes nothing.
        var foreign = await scene.Phone.TryPublishAsync(MqttTopics.Replies("desk-9"), Reply(scene.Key, command.CommandId, "desk-9", ReplyStatus.Succeeded, Guid.NewGuid()));
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, foreign.ReasonCode);
        await scene.Phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(new byte[32], command.CommandId, "desk-1", ReplyStatus.Succeeded, Guid.NewGuid()));
        await scene.ReplyAndWaitAsync(command, ReplyStatus.Rejected, "rejected", reason: RejectReasons.Busy);
        Assert.Equal(1, scene.Hub.Refused(CallSync.Hub.Messaging.RefusalCounter.BadReply));

        var final = await scene.StatusAsync(dial.RequestId);
        Assert.Equal(RejectReasons.Busy, final.Reason);
        Assert.Null(final.RecordId);
    }

    [Fact]
    public async Task Dial_NotAcceptedInTime_ReportsTimedOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scene = await Scene.StartAsync(time);
        var (dial, _) = await scene.DialAsync("2002");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("sent", (await scene.StatusAsync(dial.RequestId)).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        var final = await scene.StatusAsync(dial.RequestId);
        Assert.Equal("timed-out", final.Status);
        Assert.Contains("did not accept", final.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dial_AcceptedCallLongerThanTimeout_StillSucceeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scene = await Scene.StartAsync(time);
        var (dial, command) = await scene.DialAsync("2002");
        await scene.ReplyAndWaitAsync(command, ReplyStatus.Accepted, "accepted");

        // A 20-minute conversation: far past Dial:Timeout, well inside Dial:MaxCallDuration.
        time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal("accepted", (await scene.StatusAsync(dial.RequestId)).Status);
        await scene.ReplyAndWaitAsync(command, ReplyStatus.Succeeded, "succeeded", Guid.NewGuid());
    }

    [Fact]
    public async Task Dial_AcceptedButNoFinalReply_TimesOutAfterMaxCallDurationAndIgnoresLateReply()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scene = await Scene.StartAsync(time);
        var (dial, command) = await scene.DialAsync("2002");
        await scene.ReplyAndWaitAsync(command, ReplyStatus.Accepted, "accepted");

        time.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        await scene.RenewTokenAsync(); // the first one expired meanwhile
        Assert.Equal("accepted", (await scene.StatusAsync(dial.RequestId)).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("timed-out", (await scene.StatusAsync(dial.RequestId)).Status);

        // The hub handles one device's replies in order: once a later reply shows, the late one was handled.
        var (_, second) = await scene.DialAsync("2003");
        await scene.Phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(scene.Key, command.CommandId, "desk-1", ReplyStatus.Succeeded, Guid.NewGuid()));
        await scene.ReplyAndWaitAsync(second, ReplyStatus.Accepted, "accepted");
        Assert.Equal("timed-out", (await scene.StatusAsync(dial.RequestId)).Status);
    }

    /// <summary>A reply as the phone sends it: signed with its provisioning key.</summary>
    private static byte[] Reply(byte[] key, string commandId, string deviceId, ReplyStatus status, Guid? recordId = null, string? reason = null) =>
        JsonSerializer.SerializeToUtf8Bytes(ReplySignature.Sign(new CommandReply
        {
            CommandId = commandId,
            DeviceId = deviceId,
            Status = status,
            RecordId = recordId,
            Result = recordId is null ? null : CallResult.Answered,
            Reason = reason,
            At = DateTimeOffset.UtcNow,
        }, key), CallSyncJsonContext.Default.CommandReply);

    /// <summary>A hub with user alice bound (with dial permission) to desk-1, whose phone is connected.</summary>
    private sealed class Scene : IAsyncDisposable
    {
        private string _token;

        private Scene(TestHub hub, string token, byte[] key, TestDevice phone)
        {
            Hub = hub;
            _token = token;
            Key = key;
            Phone = phone;
        }

        public TestHub Hub { get; }

        public byte[] Key { get; }

        public TestDevice Phone { get; }

        public static async Task<Scene> StartAsync(TimeProvider time)
        {
            var hub = await TestHub.SqliteEmbeddedAsync(time);
            var token = await hub.CreateUserAsync("alice");
            var desk = await hub.CreateDeviceAsync("desk-1", "2001");
            await hub.BindAsync("alice", "desk-1");
            var phone = await hub.ConnectDeviceAsync(desk, MqttTopics.Commands("desk-1"));
            return new Scene(hub, token, desk.Key, phone);
        }

        public async Task RenewTokenAsync() => _token = await Hub.TokenAsync("alice", "password-alice");

        /// <summary>Posts a dial to desk-1 and returns it with the command the phone received.</summary>
        public async Task<(DialDto Dial, DeviceCommand Command)> DialAsync(string number)
        {
            using var response = await Hub.SendAsync(HttpMethod.Post, "/api/v1/devices/desk-1/dial", _token,
                JsonContent.Create(new DialBody(number), HubJsonContext.Default.DialBody));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var dial = (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DialDto))!;
            var (topic, payload) = Phone.Next(Wait);
            Assert.Equal("callsync/v1/devices/desk-1/commands", topic);
            return (dial, JsonSerializer.Deserialize(payload, CallSyncJsonContext.Default.DeviceCommand)!);
        }

        public async Task<DialDto> StatusAsync(string requestId)
        {
            using var response = await Hub.SendAsync(HttpMethod.Get, "/api/v1/dials/" + requestId, _token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DialDto))!;
        }

        /// <summary>The phone replies on its own topic; waits until the dial shows <paramref name="expected"/>.</summary>
        public async Task ReplyAndWaitAsync(DeviceCommand command, ReplyStatus status, string expected, Guid? recordId = null, string? reason = null)
        {
            await Phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(Key, command.CommandId, "desk-1", status, recordId, reason));
            await Eventually.UntilAsync(async () => (await StatusAsync(command.CommandId)).Status == expected, Wait, expected);
        }

        public async ValueTask DisposeAsync()
        {
            await Phone.DisposeAsync();
            await Hub.DisposeAsync();
        }
    }
}
