namespace CallSync.Web.Api;

/// <summary>POST /api/v1/auth/token body.</summary>
public sealed record TokenRequest(string UserId, string Password);
