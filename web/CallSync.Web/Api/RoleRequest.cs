namespace CallSync.Web.Api;

/// <summary>PUT /api/v1/admin/users/{userId}/role body.</summary>
public sealed record RoleRequest(string Role);
