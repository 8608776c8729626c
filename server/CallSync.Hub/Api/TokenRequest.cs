namespace CallSync.Hub.Api;

/// <summary>POST /api/v1/auth/token body.</summary>
internal sealed record TokenRequest(string UserId, string Password);
