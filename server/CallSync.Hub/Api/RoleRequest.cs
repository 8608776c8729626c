namespace CallSync.Hub.Api;

/// <summary>PUT /api/v1/admin/users/{userId}/role body: <c>user</c> or <c>admin</c>.</summary>
internal sealed record RoleRequest(string Role);
