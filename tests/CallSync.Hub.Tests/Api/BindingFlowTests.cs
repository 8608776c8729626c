using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Bindings;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Hub.Tests.Unit;
using CallSync.Testing.Waiting;

namespace CallSync.Hub.Tests.Api;

public sealed class BindingFlowTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static async Task<IReadOnlyList<AuditDto>> AuditAsync(TestHub hub, string userId)
    {
        using var response = await hub.SendAsync(HttpMethod.Get, "/api/v1/admin/audit?userId=" + userId, await hub.AdminTokenAsync());
        return (await response.Content.ReadFromJsonAsync(HubJsonContext.Default.IReadOnlyListAuditDto))!;
    }

    private static async Task<HttpResponseMessage> RequestAsync(TestHub hub, string token, string deskNumber) =>
        await hub.SendAsync(HttpMethod.Post, "/api/v1/bindings", token, JsonContent.Create(new BindRequest(deskNumber), HubJsonContext.Default.BindRequest));

    [Fact]
    public async Task RequestByApp_NumberCoveredByPattern_BindsAtOnce()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("alice", "20??");
        await hub.CreateDeviceAsync("desk-1", "2001");
        using var response = await RequestAsync(hub, token, "2001");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var binding = await response.Content.ReadFromJsonAsync(HubJsonContext.Default.BindingDto);
        Assert.Equal(("active", true, "app"), (binding!.Status, binding.CanDial, binding.Via));
        var audit = Assert.Single(await AuditAsync(hub, "alice"));
        Assert.Equal(("alice", "request", "desk-1", "active"), (audit.Actor, audit.Action, audit.DeviceId, audit.Outcome));
    }

    [Fact]
    public async Task RequestByApp_NumberNotCovered_PendingUntilAdminApproves()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("bob", "30*");
        await hub.CreateDeviceAsync("desk-1", "2001");
        using (var response = await RequestAsync(hub, token, "2001"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using (var read = await hub.SendAsync(HttpMethod.Get, "/api/v1/records?deviceId=desk-1", token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        using (var pending = await hub.SendAsync(HttpMethod.Get, "/api/v1/admin/bindings/pending", await hub.AdminTokenAsync()))
        {
            var list = await pending.Content.ReadFromJsonAsync(HubJsonContext.Default.IReadOnlyListBindingDto);
            Assert.Equal(("bob", "desk-1"), (Assert.Single(list!).UserId, list![0].DeviceId));
        }

        await hub.BindAsync("bob", "desk-1");
        using (var read = await hub.SendAsync(HttpMethod.Get, "/api/v1/records?deviceId=desk-1", token))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var unbind = await hub.SendAsync(HttpMethod.Delete, "/api/v1/bindings/desk-1", token))
        {
            Assert.Equal(HttpStatusCode.NoContent, unbind.StatusCode);
        }

        using (var read = await hub.SendAsync(HttpMethod.Get, "/api/v1/records?deviceId=desk-1", token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        var actions = (await AuditAsync(hub, "bob")).Select(a => (a.Action, a.Outcome)).Reverse().ToArray();
        Assert.Equal([("request", "pending"), ("approve", "active"), ("unbind", "removed")], actions);
    }

    [Fact]
    public async Task DeviceRequest_SignedWithProvisioningKey_BindsAndBadSignatureIsAudited()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var token = await hub.CreateUserAsync("carol", "2001");
        await hub.CreateUserAsync("dave", "2001");
        var desk = await hub.CreateDeviceAsync("desk-1", "2001");
        var key = desk.Key;
        await using var phone = await hub.ConnectDeviceAsync(desk);

        var forged = Request("dave", RandomNumberGenerator.GetBytes(32));
        await phone.PublishAsync("callsync/v1/devices/desk-1/bind-requests", forged);
        await phone.PublishAsync("callsync/v1/devices/desk-1/bind-requests", Request("carol", key));
        await Eventually.UntilAsync(async () =>
        {
            using var r = await hub.SendAsync(HttpMethod.Get, "/api/v1/bindings", token);
            return (await r.Content.ReadFromJsonAsync(HubJsonContext.Default.IReadOnlyListBindingDto))!.Count == 1;
        }, Wait, "carol's binding");

        var dave = Assert.Single(await AuditAsync(hub, "dave"));
        Assert.Equal(("device:desk-1", "bad-signature"), (dave.Actor, dave.Outcome));
        var carol = Assert.Single(await AuditAsync(hub, "carol"));
        Assert.Equal(("device:desk-1", "device-request", "active"), (carol.Actor, carol.Action, carol.Outcome));
    }

    [Fact]
    public async Task Attestation_SignedByDevice_BindsAtOnceAndForeignUserIsRefused()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        using var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = await hub.CreateUserAsync("erin");
        var mallory = await hub.CreateUserAsync("mallory");
        await hub.CreateDeviceAsync("desk-1", "2001", Convert.ToBase64String(deviceKey.ExportSubjectPublicKeyInfo()));
        var json = AttestationVerifierTests.Canonical("desk-1", "2001", "erin", "companion-1", DateTimeOffset.UtcNow);
        var body = new AttestationRequest(Convert.ToBase64String(json), Convert.ToBase64String(AttestationVerifierTests.Sign(deviceKey, json)));

        using (var stolen = await hub.SendAsync(HttpMethod.Post, "/api/v1/bindings/attestation", mallory, JsonContent.Create(body, HubJsonContext.Default.AttestationRequest)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stolen.StatusCode);
        }

        using var response = await hub.SendAsync(HttpMethod.Post, "/api/v1/bindings/attestation", token, JsonContent.Create(body, HubJsonContext.Default.AttestationRequest));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var binding = await response.Content.ReadFromJsonAsync(HubJsonContext.Default.BindingDto);
        Assert.Equal(("desk-1", "active", "attestation"), (binding!.DeviceId, binding.Status, binding.Via));
        Assert.Equal("refused", Assert.Single(await AuditAsync(hub, "mallory")).Outcome);
    }

    private static byte[] Request(string userId, byte[] key)
    {
        var request = new DeviceBindRequest
        {
            RequestId = Guid.NewGuid().ToString("D"),
            DeviceId = "desk-1",
            AppUserId = userId,
            IssuedAt = Timestamps.ToWire(DateTimeOffset.UtcNow),
        };
        request = request with { Signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(request.CanonicalForm()))) };
        return JsonSerializer.SerializeToUtf8Bytes(request, HubJsonContext.Default.DeviceBindRequest);
    }
}
