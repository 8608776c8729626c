using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Configuration;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Api;

public sealed class DigestTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DailyDigest_AcrossBerlinDstEndAndRestart_EachDayExactlyOnce()
    {
        // Europe/Berlin leaves summer time on 2026-10-25: 02:30 local happens at 00:30Z and again at 01:30Z.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 23, 12, 0, 0, TimeSpan.Zero));
        await using var broker = await TestBroker.StartAsync();
        var database = Path.Combine(Path.GetTempPath(), "callsync-hub-digest-" + Guid.NewGuid().ToString("N") + ".db");
        var options = TestHub.Options(StorageProvider.Sqlite, "Data Source=" + database, broker.Port, embedded: false, "hub-digest", sharedGroup: "");
        await using var app = await TestDevice.ConnectAsync(broker.Port, "app-alice", MqttTopics.UserInbox("alice"));
        await using var phone = await TestDevice.ConnectAsync(broker.Port, "desk-1");

        var hub = await TestHub.StartAsync(options, time);
        var token = await hub.CreateUserAsync("alice");
        await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("alice", "desk-1");
        using (var push = await hub.SendAsync(HttpMethod.Put, "/api/v1/me/push", token,
            JsonContent.Create(new PushPolicyRequest("daily", "02:30", "Europe/Berlin"), HubJsonContext.Default.PushPolicyRequest)))
        {
            Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        }

        var r1 = await IngestAtAsync(hub, phone, time, token, new DateTimeOffset(2026, 10, 24, 10, 0, 0, TimeSpan.Zero));
        await RunUntilAsync(hub, time, new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero));
        var r2 = await IngestAtAsync(hub, phone, time, token, new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero)); // between the two 02:30s
        await RunUntilAsync(hub, time, new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero));

        // The hub is down over the 26th's and 27th's digest times; it sends both when it comes back.
        await hub.DisposeAsync();
        time.SetUtcNow(new DateTimeOffset(2026, 10, 27, 12, 0, 0, TimeSpan.Zero));
        hub = await TestHub.StartAsync(options, time);
        await RunUntilAsync(hub, time, new DateTimeOffset(2026, 10, 28, 3, 0, 0, TimeSpan.Zero));
        await hub.DisposeAsync();

        var digests = new List<JsonElement>();
        while (app.Received.TryTake(out var message, TimeSpan.FromSeconds(1)))
        {
            digests.Add(JsonDocument.Parse(message.Payload).RootElement.Clone());
        }

        Assert.All(digests, d => Assert.Equal("digest", d.GetProperty("kind").GetString()));
        Assert.Equal(
            ["2026-10-23", "2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27", "2026-10-28"],
            digests.Select(d => d.GetProperty("date").GetString()!).ToArray());
        Assert.Equal([r1], RecordIds(digests, "2026-10-25"));
        Assert.Equal([r2], RecordIds(digests, "2026-10-26"));
        Assert.All(digests.Where(d => d.GetProperty("date").GetString() is not ("2026-10-25" or "2026-10-26")),
            d => Assert.Equal(0, d.GetProperty("count").GetInt32()));
        var fallBackDay = digests.Single(d => d.GetProperty("date").GetString() == "2026-10-26");
        Assert.Equal("2026-10-25T00:30:00.000Z", fallBackDay.GetProperty("from").GetString());
        Assert.Equal("2026-10-26T01:30:00.000Z", fallBackDay.GetProperty("to").GetString());
    }

    private static string[] RecordIds(List<JsonElement> digests, string date) =>
        [.. digests.Single(d => d.GetProperty("date").GetString() == date).GetProperty("records").EnumerateArray()
            .Select(r => r.GetProperty("recordId").GetString()!)];

    /// <summary>Advances fake time in 10-minute steps, letting the scheduler check at each step.</summary>
    private static async Task RunUntilAsync(TestHub hub, FakeTimeProvider time, DateTimeOffset until)
    {
        while (time.GetUtcNow() < until)
        {
            time.Advance(TimeSpan.FromMinutes(10));
            await hub.RunDigestsAsync();
        }
    }

    private static async Task<string> IngestAtAsync(TestHub hub, TestDevice phone, FakeTimeProvider time, string token, DateTimeOffset at)
    {
        await RunUntilAsync(hub, time, at);
        var record = TestDevice.Record("desk-1", at.AddMinutes(-2));
        await phone.PublishRecordAsync(record);
        var id = record.RecordId.ToString("D");
        token = await hub.TokenAsync("alice", "password-alice"); // fake time has moved past earlier tokens' lifetime
        await Eventually.UntilAsync(async () =>
        {
            using var r = await hub.SendAsync(HttpMethod.Get, "/api/v1/records/" + id, token);
            return r.StatusCode == HttpStatusCode.OK;
        }, Wait, "record " + id);
        return id;
    }
}
