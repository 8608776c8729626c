using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CallSync.Contracts;
using CallSync.Hub.Api;
using CallSync.Hub.Tests.Infrastructure;
using CallSync.Testing.Waiting;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Hub.Tests.Security;

public sealed class EnrollmentTests
{
    private static string AttestationKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    private static async Task<(HttpStatusCode Status, string Body)> EnrollAsync(TestHub hub, string code, string deviceId = "desk-1", string? key = null)
    {
        using var response = await hub.EnrollAsync(new EnrollmentRequest { Code = code, DeviceId = deviceId, AttestationKey = key ?? AttestationKey() });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Enroll_FreshCode_IssuesKeyAndBrokerCredentialTheBrokerAccepts()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var code = await hub.RegisterDeviceAsync("desk-1", "2001");
        var key = AttestationKey();

        using var response = await hub.EnrollAsync(new EnrollmentRequest { Code = code.Code.ToLowerInvariant(), DeviceId = "desk-1", AttestationKey = key });
        var issued = await response.Content.ReadFromJsonAsync(CallSyncJsonContext.Default.EnrollmentResponse);

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code.Code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("desk-1", "2001", "desk-1", $"mqtt://127.0.0.1:{hub.BrokerPort}"), (issued!.DeviceId, issued.DeskNumber, issued.BrokerUsername, issued.BrokerUrl));
        Assert.Equal(32, Convert.FromBase64String(issued.ProvisioningKey).Length);
        var device = await hub.Get<Storage.DeviceStore>().GetAsync("desk-1", CancellationToken.None);
        Assert.Equal((issued.ProvisioningKey, key), (device!.ProvisioningKey, device.AttestationKey));
        var stored = await hub.Get<Storage.BrokerCredentialStore>().GetAsync("desk-1", CancellationToken.None);
        Assert.DoesNotContain(issued.BrokerPassword, stored!.SecretHash, StringComparison.Ordinal);
        await using var phone = await TestDevice.ConnectAsync(hub.BrokerPort, "desk-1", "desk-1", issued.BrokerPassword, MqttTopics.Commands("desk-1"));
        Assert.True(phone.IsConnected);
    }

    [Fact]
    public async Task Enroll_ReusedCode_409WithReason()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var code = await hub.RegisterDeviceAsync("desk-1", "2001");
        Assert.Equal(HttpStatusCode.OK, (await EnrollAsync(hub, code.Code)).Status);

        var (status, body) = await EnrollAsync(hub, code.Code);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already used", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_ExpiredCode_410WithReason()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.SqliteEmbeddedAsync(time);
        var code = await hub.RegisterDeviceAsync("desk-1", "2001");

        time.Advance(TimeSpan.FromHours(24));
        var (status, body) = await EnrollAsync(hub, code.Code);

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("expired", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_CodeOfAnotherDeviceOrUnknownOrBadKey_RefusedAndTheCodeStillWorks()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var code = await hub.RegisterDeviceAsync("desk-1", "2001");
        await hub.RegisterDeviceAsync("desk-2", "2002");

        Assert.Equal(HttpStatusCode.Forbidden, (await EnrollAsync(hub, code.Code, deviceId: "desk-2")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnrollAsync(hub, "0000-0000-0000")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnrollAsync(hub, "not a code at all")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnrollAsync(hub, code.Code, key: Convert.ToBase64String(new byte[91]))).Status);
        Assert.Equal(HttpStatusCode.OK, (await EnrollAsync(hub, code.Code)).Status);
    }

    [Fact]
    public async Task NewCode_ReEnrolled_OldPasswordAndKeyStopWorking()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var first = await hub.CreateDeviceAsync("desk-1", "2001");
        using var fresh = await hub.SendAsync(HttpMethod.Post, "/api/v1/admin/devices/desk-1/enrollment", await hub.AdminTokenAsync());
        var code = await fresh.Content.ReadFromJsonAsync(HubJsonContext.Default.EnrollmentCodeDto);

        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EnrollAsync(hub, code!.Code)).Status);
        var (client, result) = await MqttProbe.TryConnectAsync(hub.BrokerPort, "desk-1", "desk-1", first.BrokerPassword);
        Assert.Null(client);
        Assert.NotEqual(MQTTnet.MqttClientConnectResultCode.Success, result);
        var device = await hub.Get<Storage.DeviceStore>().GetAsync("desk-1", CancellationToken.None);
        Assert.NotEqual(Convert.ToBase64String(first.Key), device!.ProvisioningKey);
    }

    [Fact]
    public async Task Revoke_ConnectedPhone_DroppedAndRefusedAfterwards()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        var desk = await hub.CreateDeviceAsync("desk-1", "2001");
        await using var phone = await hub.ConnectDeviceAsync(desk);

        using var revoke = await hub.SendAsync(HttpMethod.Delete, "/api/v1/admin/devices/desk-1/credentials", await hub.AdminTokenAsync());

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await Eventually.UntilAsync(() => Task.FromResult(!phone.IsConnected), TimeSpan.FromSeconds(10), "the revoked phone to be dropped");
        var (client, _) = await MqttProbe.TryConnectAsync(hub.BrokerPort, "desk-1", "desk-1", desk.BrokerPassword);
        Assert.Null(client);
    }

    [Fact]
    public async Task CreateDevice_HubsUserNameOrBadId_Refused()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        foreach (var (id, expected) in new[] { ("hub", HttpStatusCode.Conflict), ("user@x", HttpStatusCode.BadRequest), ("a/b", HttpStatusCode.BadRequest) })
        {
            using var response = await hub.SendAsync(HttpMethod.Post, "/api/v1/admin/devices", await hub.AdminTokenAsync(),
                JsonContent.Create(new CreateDeviceRequest(id, "2001"), HubJsonContext.Default.CreateDeviceRequest));
            Assert.Equal(expected, response.StatusCode);
        }
    }
}
