using System.Net;
using System.Net.Http.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Api;

public sealed class AuthorizationTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Records_NoExpiredOrTamperedToken_Returns401()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.SqliteEmbeddedAsync(time);
        var token = await hub.CreateUserAsync("alice");

        using (var ok = await hub.SendAsync(HttpMethod.Get, "/api/v1/records", token))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var none = await hub.SendAsync(HttpMethod.Get, "/api/v1/records", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        }

        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        using (var bad = await hub.SendAsync(HttpMethod.Get, "/api/v1/records", tampered))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        }

        time.Advance(TimeSpan.FromHours(1));
        using (var expired = await hub.SendAsync(HttpMethod.Get, "/api/v1/records", token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }

        using var dial = await hub.SendAsync(HttpMethod.Post, "/api/v1/devices/desk-1/dial", token,
            JsonContent.Create(new DialBody("+4930123"), HubJsonContext.Default.DialBody));
        Assert.Equal(HttpStatusCode.Unauthorized, dial.StatusCode);
    }

    [Fact]
    public async Task Token_WrongPassword_Returns401()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        await hub.CreateUserAsync("alice");
        using var response = await hub.Http.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("alice", "wrong-password"), HubJsonContext.Default.TokenRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminRoutes_UserToken_Returns403()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("alice");
        using var response = await hub.SendAsync(HttpMethod.Get, "/api/v1/admin/audit", token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RecordsAndDial_UnboundUser_Returns403AndHidesRecords()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var bound = await hub.CreateUserAsync("bound");
        var stranger = await hub.CreateUserAsync("stranger");
        var desk = await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("bound", "desk-1");
        await using var device = await hub.ConnectDeviceAsync(desk);
        var record = TestDevice.Record("desk-1", DateTimeOffset.UtcNow);
        await device.PublishRecordAsync(record);
        var id = record.RecordId.ToString("D");
        await Eventually.UntilAsync(async () =>
        {
            using var r = await hub.SendAsync(HttpMethod.Get, "/api/v1/records/" + id, bound);
            return r.StatusCode == HttpStatusCode.OK;
        }, Wait, "the record to be stored");

        using (var one = await hub.SendAsync(HttpMethod.Get, "/api/v1/records/" + id, stranger))
        {
            Assert.Equal(HttpStatusCode.Forbidden, one.StatusCode);
        }

        using (var list = await hub.SendAsync(HttpMethod.Get, "/api/v1/records?deviceId=desk-1", stranger))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        using (var all = await hub.SendAsync(HttpMethod.Get, "/api/v1/records", stranger))
        {
            var page = await all.Content.ReadFromJsonAsync(HubJsonContext.Default.RecordPage);
            Assert.Empty(page!.Items);
        }

        using (var dial = await hub.SendAsync(HttpMethod.Post, "/api/v1/devices/desk-1/dial", stranger,
            JsonContent.Create(new DialBody("+4930123"), HubJsonContext.Default.DialBody)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, dial.StatusCode);
        }

        using var mine = await hub.SendAsync(HttpMethod.Get, "/api/v1/records?deviceId=desk-1", bound);
        var myPage = await mine.Content.ReadFromJsonAsync(HubJsonContext.Default.RecordPage);
        Assert.Equal(id, Assert.Single(myPage!.Items).RecordId);
    }

    [Fact]
    public async Task Dial_BoundWithoutDialPermission_Returns403()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("reader");
        await hub.CreateDeviceAsync("desk-1", "2001");
        await hub.BindAsync("reader", "desk-1", canDial: false);
        using var dial = await hub.SendAsync(HttpMethod.Post, "/api/v1/devices/desk-1/dial", token,
            JsonContent.Create(new DialBody("+4930123"), HubJsonContext.Default.DialBody));
        Assert.Equal(HttpStatusCode.Forbidden, dial.StatusCode);
    }

    [Fact]
    public async Task Records_SqlInjectionLikeInput_StoredAndReturnedVerbatim()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        const string Evil = "'; DROP TABLE call_records; --";
        const string EvilDesk = "2001' OR '1'='1";
        var token = await hub.CreateUserAsync("alice");
        var desk = await hub.CreateDeviceAsync("desk-1", EvilDesk);
        await hub.BindAsync("alice", "desk-1");
        await using var device = await hub.ConnectDeviceAsync(desk);
        var record = TestDevice.Record("desk-1", DateTimeOffset.UtcNow, remote: Evil) with { CallId = "x\" OR 1=1; --", SipReason = "Robert'); DROP TABLE users;--" };
        await device.PublishRecordAsync(record);

        RecordPage? page = null;
        await Eventually.UntilAsync(async () =>
        {
            using var r = await hub.SendAsync(HttpMethod.Get, "/api/v1/records?number=" + Uri.EscapeDataString(Evil), token);
            page = await r.Content.ReadFromJsonAsync(HubJsonContext.Default.RecordPage);
            return page!.Items.Count == 1;
        }, Wait, "the record to be found by its number");

        var item = page!.Items[0];
        Assert.Equal(Evil, item.RemoteNumber);
        var returned = System.Text.Json.JsonSerializer.Deserialize(item.Record.GetRawText(), CallSyncJsonContext.Default.CallRecord)!;
        Assert.Equal(Evil, returned.RemoteNumber.Raw);
        Assert.Equal(record.CallId, returned.CallId);
        Assert.Equal(record.SipReason, returned.SipReason);

        using var device2 = await hub.SendAsync(HttpMethod.Get, "/api/v1/devices/desk-1", token);
        var state = await device2.Content.ReadFromJsonAsync(HubJsonContext.Default.DeviceStateDto);
        Assert.Equal(EvilDesk, state!.DeskNumber);

        using var bind = await hub.SendAsync(HttpMethod.Post, "/api/v1/bindings", token,
            JsonContent.Create(new BindRequest("' OR 1=1 --"), HubJsonContext.Default.BindRequest));
        Assert.Equal(HttpStatusCode.NotFound, bind.StatusCode);
    }
}
