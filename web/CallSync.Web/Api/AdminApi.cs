using System.Globalization;
using System.Net.Http.Json;

namespace CallSync.Web.Api;

/// <summary>The admin routes: users and roles, phones, pending bindings, the audit trail, the dashboard's figures.</summary>
public sealed class AdminApi(HttpClient http) : ApiClient(http)
{
    public Task<IReadOnlyList<Profile>> UsersAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/admin/users", Json.IReadOnlyListProfile, cancellationToken);

    public Task<Profile> CreateUserAsync(CreateUserRequest user, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/v1/admin/users", user, Json.CreateUserRequest, Json.Profile, cancellationToken);

    public Task SetRoleAsync(string userId, string role, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/admin/users/{Escape(userId)}/role", JsonContent.Create(new RoleRequest(role), Json.RoleRequest), cancellationToken);

    public Task SetPatternsAsync(string userId, IReadOnlyList<string> patterns, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/v1/admin/users/{Escape(userId)}/patterns", JsonContent.Create(new PatternsRequest(patterns), Json.PatternsRequest), cancellationToken);

    public Task<IReadOnlyList<DeviceOverview>> DevicesAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/admin/devices", Json.IReadOnlyListDeviceOverview, cancellationToken);

    public Task<IReadOnlyList<Binding>> PendingBindingsAsync(CancellationToken cancellationToken = default) =>
        GetAsync("api/v1/admin/bindings/pending", Json.IReadOnlyListBinding, cancellationToken);

    public Task<Binding> ApproveAsync(string userId, string deviceId, bool canDial, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/admin/bindings/{Escape(userId)}/{Escape(deviceId)}/approve", new ApproveRequest(canDial), Json.ApproveRequest, Json.Binding, cancellationToken);

    public Task RefuseAsync(string userId, string deviceId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/admin/bindings/{Escape(userId)}/{Escape(deviceId)}", null, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string? userId, int limit, CancellationToken cancellationToken = default) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/v1/admin/audit?limit={limit}") + (string.IsNullOrWhiteSpace(userId) ? string.Empty : "&userId=" + Escape(userId.Trim())),
            Json.IReadOnlyListAuditEntry, cancellationToken);

    public Task<CallStats> StatsAsync(DateOnly from, DateOnly to, string timeZone, CancellationToken cancellationToken = default) =>
        GetAsync(string.Create(CultureInfo.InvariantCulture, $"api/v1/admin/stats?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&timeZone={Escape(timeZone)}"),
            Json.CallStats, cancellationToken);
}
