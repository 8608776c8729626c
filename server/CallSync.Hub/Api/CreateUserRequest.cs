namespace CallSync.Hub.Api;

/// <summary>POST /api/v1/admin/users body; role is <c>user</c> (default) or <c>admin</c>.</summary>
internal sealed record CreateUserRequest(string UserId, string Password, string? Role, IReadOnlyList<string>? NumberPatterns);
