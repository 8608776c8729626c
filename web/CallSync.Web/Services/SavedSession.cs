namespace CallSync.Web.Services;

/// <summary>What <see cref="Session"/> keeps in local storage.</summary>
public sealed record SavedSession(string Token, string UserId, string Role, DateTimeOffset ExpiresAt);
