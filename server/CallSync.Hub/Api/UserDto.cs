namespace CallSync.Hub.Api;

/// <summary>A user's profile (never the password hash); a disabled user can neither sign in nor use a token issued before.</summary>
internal sealed record UserDto(string UserId, string Role, IReadOnlyList<string> NumberPatterns, string PushPolicy, string PushTime, string TimeZone, bool Disabled);
