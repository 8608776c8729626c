namespace CallSync.Web.Api;

/// <summary>A user: GET /api/v1/me, and the admin user list.</summary>
public sealed record Profile(string UserId, string Role, IReadOnlyList<string> NumberPatterns, string PushPolicy, string PushTime, string TimeZone);
