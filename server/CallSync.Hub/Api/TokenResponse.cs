namespace CallSync.Hub.Api;

/// <summary>A bearer token and when it stops working.</summary>
internal sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
