using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Tests.Infrastructure;

namespace CallSync.Hub.Tests.Api;

public sealed class ImmediatePushTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ImmediatePolicy_RecordSentTwice_PushedOnceToBoundUsersOnly()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var alice = await hub.CreateUserAsync("alice");
        var bob = await hub.CreateUserAsync("bob");
        var desk = await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("alice", "desk-1");
        foreach (var token in new[] { alice, bob })
        {
            using var push = await hub.SendAsync(HttpMethod.Put, "/api/v1/me/push", token,
                JsonContent.Create(new PushPolicyRequest("immediate", null, null), HubJsonContext.Default.PushPolicyRequest));
            Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        }

        await using var aliceApp = await hub.ConnectAppAsync("alice", alice, MqttTopics.UserInbox("alice"));
        await using var bobApp = await hub.ConnectAppAsync("bob", bob, MqttTopics.UserInbox("bob"));
        await using var phone = await hub.ConnectDeviceAsync(desk);
        var first = TestDevice.Record("desk-1", DateTimeOffset.UtcNow);
        var second = TestDevice.Record("desk-1", DateTimeOffset.UtcNow);
        await phone.PublishRecordAsync(first);
        await phone.PublishRecordAsync(first); // a phone re-sends when its PUBACK was lost
        await phone.PublishRecordAsync(second);

        var pushed = new[] { aliceApp.Next(Wait), aliceApp.Next(Wait) }
            .Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("record").GetProperty("recordId").GetString()))
            .ToArray();
        Assert.Equal([("record", first.RecordId.ToString("D")), ("record", second.RecordId.ToString("D"))], pushed);
        Assert.False(aliceApp.Received.TryTake(out _, TimeSpan.FromMilliseconds(500)));
        Assert.Empty(bobApp.Received);
    }
}
