namespace CallSync.Web.Api;

/// <summary>POST /api/v1/admin/users body.</summary>
public sealed record CreateUserRequest(string UserId, string Password, string Role, IReadOnlyList<string> NumberPatterns);
