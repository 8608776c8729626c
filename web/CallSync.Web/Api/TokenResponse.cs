namespace CallSync.Web.Api;

/// <summary>A bearer token and when it stops working.</summary>
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
