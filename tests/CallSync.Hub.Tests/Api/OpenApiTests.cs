using System.Net;
using System.Text.Json;
using CallSync.Hub.Tests.Infrastructure;

namespace CallSync.Hub.Tests.Api;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocument_RunningHub_ListsEveryRoute()
    {
        await using var hub = await TestHub.SqliteEmbeddedAsync(TimeProvider.System);
        using var response = await hub.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/v1/auth/token", "/api/v1/me", "/api/v1/me/push", "/api/v1/me/password", "/api/v1/enroll", "/api/v1/bindings", "/api/v1/bindings/attestation",
            "/api/v1/bindings/{deviceId}", "/api/v1/records", "/api/v1/records/{recordId}", "/api/v1/devices/{deviceId}",
            "/api/v1/devices/{deviceId}/dial", "/api/v1/dials/{requestId}", "/api/v1/admin/users", "/api/v1/admin/devices",
            "/api/v1/admin/devices/{deviceId}/enrollment", "/api/v1/admin/devices/{deviceId}/credentials", "/api/v1/admin/refusals",
            "/api/v1/admin/bindings/pending", "/api/v1/admin/bindings/{userId}/{deviceId}/approve", "/api/v1/admin/audit", "/healthz",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
    }
}
