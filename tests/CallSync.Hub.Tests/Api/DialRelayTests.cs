using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Api;

public sealed class DialRelayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static async Task<DialDto> DialStatusAsync(TestHub hub, string token, string requestId)
    {
        using var response = await hub.SendAsync(HttpMethod.Get, "/api/v1/dials/" + requestId, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DialDto))!;
    }

    private static async Task<DialDto> PostDialAsync(TestHub hub, string token, string deviceId, string number)
    {
        using var response = await hub.SendAsync(HttpMethod.Post, $"/api/v1/devices/{deviceId}/dial", token,
            JsonContent.Create(new DialBody(number), HubJsonContext.Default.DialBody));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.DialDto))!;
    }

    private static byte[] Reply(string commandId, string deviceId, ReplyStatus status, Guid? recordId = null, string? reason = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new CommandReply
        {
            CommandId = commandId,
            DeviceId = deviceId,
            Status = status,
            RecordId = recordId,
            Result = recordId is null ? null : CallResult.Answered,
            Reason = reason,
            At = DateTimeOffset.UtcNow,
        }, CallSyncJsonContext.Default.CommandReply);

    [Fact]
    public async Task Dial_DeviceAcceptsAndSucceeds_ReportsSucceededWithRecordId()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("alice");
        var key = await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("alice", "desk-1");
        await using var phone = await TestDevice.ConnectAsync(hub.BrokerPort, "desk-1", MqttTopics.Commands("desk-1"));

        var dial = await PostDialAsync(hub, token, "desk-1", "+49 30 1234567");
        Assert.Equal("sent", dial.Status);

        var (topic, payload) = phone.Next(Wait);
        Assert.Equal("callsync/v1/devices/desk-1/commands", topic);
        var command = JsonSerializer.Deserialize(payload, CallSyncJsonContext.Default.DeviceCommand)!;
        Assert.True(CommandSignature.Verify(command, "desk-1", key));
        Assert.False(CommandSignature.Verify(command, "desk-2", key));
        Assert.Equal(CommandTypes.Dial, command.Type);
        Assert.Equal("+49 30 1234567", command.Args!.Number);
        Assert.Equal(dial.RequestId, command.CommandId);
        Assert.True(command.ExpiresAt > command.IssuedAt);

        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(command.CommandId, "desk-1", ReplyStatus.Accepted));
        await Eventually.TrueAsync(async () => (await DialStatusAsync(hub, token, dial.RequestId)).Status == "accepted", Wait, "accepted");

        var recordId = Guid.NewGuid();
        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(command.CommandId, "desk-1", ReplyStatus.Succeeded, recordId));
        await Eventually.TrueAsync(async () => (await DialStatusAsync(hub, token, dial.RequestId)).Status == "succeeded", Wait, "succeeded");
        Assert.Equal(recordId.ToString("D"), (await DialStatusAsync(hub, token, dial.RequestId)).RecordId);
    }

    [Fact]
    public async Task Dial_DeviceRejects_ReportsRejectedWithReason()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("alice");
        await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("alice", "desk-1");
        await using var phone = await TestDevice.ConnectAsync(hub.BrokerPort, "desk-1", MqttTopics.Commands("desk-1"));
        var dial = await PostDialAsync(hub, token, "desk-1", "2002");
        var command = JsonSerializer.Deserialize(phone.Next(Wait).Payload, CallSyncJsonContext.Default.DeviceCommand)!;

        // A reply for the same command id from another device's topic must change nothing.
        await phone.PublishAsync(MqttTopics.Replies("desk-9"), Reply(command.CommandId, "desk-9", ReplyStatus.Succeeded, Guid.NewGuid()));
        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(command.CommandId, "desk-1", ReplyStatus.Rejected, reason: RejectReasons.Busy));
        await Eventually.TrueAsync(async () => (await DialStatusAsync(hub, token, dial.RequestId)).Status == "rejected", Wait, "rejected");
        var final = await DialStatusAsync(hub, token, dial.RequestId);
        Assert.Equal(RejectReasons.Busy, final.Reason);
        Assert.Null(final.RecordId);
    }

    [Fact]
    public async Task Dial_NotAcceptedInTime_ReportsTimedOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.SqliteEmbeddedAsync(time);
        var token = await hub.CreateUserAsync("alice");
        await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("alice", "desk-1");
        await using var phone = await TestDevice.ConnectAsync(hub.BrokerPort, "desk-1", MqttTopics.Commands("desk-1"));
        var dial = await PostDialAsync(hub, token, "desk-1", "2002");
        _ = phone.Next(Wait);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("sent", (await DialStatusAsync(hub, token, dial.RequestId)).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        var final = await DialStatusAsync(hub, token, dial.RequestId);
        Assert.Equal("timed-out", final.Status);
        Assert.Contains("did not accept", final.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dial_AcceptedCallLongerThanTimeout_StillSucceeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.SqliteEmbeddedAsync(time);
        var token = await hub.CreateUserAsync("alice");
        await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("alice", "desk-1");
        await using var phone = await TestDevice.ConnectAsync(hub.BrokerPort, "desk-1", MqttTopics.Commands("desk-1"));
        var dial = await PostDialAsync(hub, token, "desk-1", "2002");
        var command = JsonSerializer.Deserialize(phone.Next(Wait).Payload, CallSyncJsonContext.Default.DeviceCommand)!;
        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(command.CommandId, "desk-1", ReplyStatus.Accepted));
        await Eventually.TrueAsync(async () => (await DialStatusAsync(hub, token, dial.RequestId)).Status == "accepted", Wait, "accepted");

        // A 20-minute conversation: far past Dial:Timeout, well inside Dial:MaxCallDuration.
        time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal("accepted", (await DialStatusAsync(hub, token, dial.RequestId)).Status);
        var recordId = Guid.NewGuid();
        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(command.CommandId, "desk-1", ReplyStatus.Succeeded, recordId));
        await Eventually.TrueAsync(async () => (await DialStatusAsync(hub, token, dial.RequestId)).Status == "succeeded", Wait, "succeeded");
        Assert.Equal(recordId.ToString("D"), (await DialStatusAsync(hub, token, dial.RequestId)).RecordId);
    }

    [Fact]
    public async Task Dial_AcceptedButNoFinalReply_TimesOutAfterMaxCallDurationAndIgnoresLateReply()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.SqliteEmbeddedAsync(time);
        var token = await hub.CreateUserAsync("alice");
        await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("alice", "desk-1");
        await using var phone = await TestDevice.ConnectAsync(hub.BrokerPort, "desk-1", MqttTopics.Commands("desk-1"));
        var dial = await PostDialAsync(hub, token, "desk-1", "2002");
        var command = JsonSerializer.Deserialize(phone.Next(Wait).Payload, CallSyncJsonContext.Default.DeviceCommand)!;
        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(command.CommandId, "desk-1", ReplyStatus.Accepted));
        await Eventually.TrueAsync(async () => (await DialStatusAsync(hub, token, dial.RequestId)).Status == "accepted", Wait, "accepted");

        time.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        token = await hub.TokenAsync("alice", "password-alice"); // the first one expired meanwhile
        Assert.Equal("accepted", (await DialStatusAsync(hub, token, dial.RequestId)).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("timed-out", (await DialStatusAsync(hub, token, dial.RequestId)).Status);

        // The hub handles one device's replies in order: once a later reply shows, the late one was handled.
        var second = await PostDialAsync(hub, token, "desk-1", "2003");
        var secondCommand = JsonSerializer.Deserialize(phone.Next(Wait).Payload, CallSyncJsonContext.Default.DeviceCommand)!;
        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(command.CommandId, "desk-1", ReplyStatus.Succeeded, Guid.NewGuid()));
        await phone.PublishAsync(MqttTopics.Replies("desk-1"), Reply(secondCommand.CommandId, "desk-1", ReplyStatus.Accepted));
        await Eventually.TrueAsync(async () => (await DialStatusAsync(hub, token, second.RequestId)).Status == "accepted", Wait, "second accepted");
        Assert.Equal("timed-out", (await DialStatusAsync(hub, token, dial.RequestId)).Status);
    }
}
